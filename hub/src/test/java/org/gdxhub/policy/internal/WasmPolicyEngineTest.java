package org.gdxhub.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.gdxhub.policy.PolicyData;
import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyInput;
import org.gdxhub.policy.PolicyInputBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.json.JsonMapper;

/** The committed Wasm build of policies/hub/exchange/authz.rego, evaluated in-process for real. */
class WasmPolicyEngineTest {

  static byte[] wasm;
  static WasmPolicyEngine engine;

  @BeforeAll
  static void loadPolicy() throws IOException {
    wasm = WasmPolicyEngine.read(WasmPolicyEngineTest.class.getResourceAsStream("/policies/bundle/exchange.wasm"));
    engine = new WasmPolicyEngine(wasm, 2, PolicyInputBuilder::data, JsonMapper.builder().build());
  }

  static PolicyInput input(Consumer<PolicyInputBuilder> change) {
    PolicyInputBuilder b = new PolicyInputBuilder();
    change.accept(b);
    return b.build();
  }

  @Test
  void allowsAndReleasesEveryGrantedFieldNeededForThePurpose() {
    PolicyDecision decision = engine.decide(input(b -> {}));
    assertThat(decision.allow()).isTrue();
    assertThat(decision.reasons()).isEmpty();
    assertThat(decision.fields()).containsExactly("birth_date", "citizen_id", "first_name_th");
    assertThat(decision.obligations()).containsEntry("pseudonymise_subject", true);
  }

  @Test
  void releasesOnlyTheRequestedGrantedFields() {
    assertThat(engine.decide(input(b -> b.requestedFields = List.of("citizen_id"))).fields()).containsExactly("citizen_id");
  }

  @Test
  void purposeLimitsTheReleasedFields() {
    assertThat(engine.decide(input(b -> b.purpose = "tax")).fields()).containsExactly("citizen_id");
  }

  @Test
  void publicDatasetNeedsNoAgreement() {
    PolicyDecision d = engine.decide(input(b -> {
      b.classification = "public";
      b.withAgreement = false;
      b.fields = List.of(new PolicyInput.FieldFacts("name", false, false));
      b.caseRef = "";
      b.cardPresent = false;
    }));
    assertThat(d.allow()).isTrue();
    assertThat(d.fields()).containsExactly("name");
  }

  @Test
  void onlineAccessReplacesTheCard() {
    assertThat(engine.decide(input(b -> {
      b.cardPresent = false;
      b.onlineAccess = true;
    })).allow()).isTrue();
  }

  @Test
  void clearanceOpensSecretDatasets() {
    assertThat(engine.decide(input(b -> {
      b.classification = "secret";
      b.roles = Set.of("clearance_secret");
    })).allow()).isTrue();
  }

  static Stream<Arguments> denials() {
    return Stream.of(
        denial("invalid_subject_id", b -> b.subjectValid = false),
        denial("unknown_agency", b -> b.agency = b.consumerAgency = "ghost"),
        denial("unit_not_in_agency", b -> b.unit = "marketing"),
        denial("dataset_not_published", b -> b.datasetStatus = "retired"),
        denial("clearance_required", b -> b.classification = "secret"),
        denial("no_agreement", b -> b.withAgreement = false),
        denial("agreement_not_approved", b -> b.agreementStatus = "suspended"),
        denial("agreement_superseded", b -> b.agreementVersion = 0),
        denial("agreement_dataset_mismatch", b -> b.agreementDataset = "house-registration"),
        denial("agency_mismatch", b -> b.consumerAgency = "cro"),
        denial("unit_not_covered", b -> b.agreementUnits = List.of("revenue")),
        denial("agreement_expired", b -> b.validUntil = "2026-11-22"),
        denial("agreement_not_yet_valid", b -> b.validFrom = "2026-11-24"),
        denial("purpose_not_in_agreement", b -> b.purpose = "marketing"),
        denial("legal_basis_not_in_agreement", b -> b.legalBasis = "Some Other Act"),
        denial("case_ref_required", b -> b.caseRef = " "),
        denial("card_not_present", b -> b.cardPresent = false),
        denial("field_not_granted", b -> b.requestedFields = List.of("citizen_id", "face_image")),
        denial("field_not_needed_for_purpose", b -> {
          b.purpose = "tax";
          b.requestedFields = List.of("birth_date");
        }),
        denial("quota_exceeded", b -> {
          b.dailyQuota = 10;
          b.usageToday = 10;
        }));
  }

  static Arguments denial(String code, Consumer<PolicyInputBuilder> change) {
    return Arguments.of(code, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void deniesWithExactlyOneDistinctReasonCode(String code, Consumer<PolicyInputBuilder> change) {
    PolicyDecision decision = engine.decide(input(change));
    assertThat(decision.allow()).isFalse();
    assertThat(decision.reasonCodes()).containsExactly(code);
    assertThat(decision.reasons().getFirst().message()).isNotBlank();
    assertThat(decision.fields()).isEmpty();
  }

  @Test
  void reportsEveryReasonInCodeOrder() {
    assertThat(engine.decide(input(b -> {
      b.subjectValid = false;
      b.withAgreement = false;
    })).reasonCodes()).containsExactly("invalid_subject_id", "no_agreement");
  }

  @Test
  void followsPolicyDataChanges() {
    var revision = new java.util.concurrent.atomic.AtomicReference<>(PolicyInputBuilder.data());
    var engineWithData = new WasmPolicyEngine(wasm, 1, revision::get, JsonMapper.builder().build());
    assertThat(engineWithData.decide(input(b -> {})).allow()).isTrue();
    revision.set(new PolicyData("test-data-2", PolicyInputBuilder.data().json().replace("\"approved\"", "\"revoked\"")));
    assertThat(engineWithData.decide(input(b -> {})).reasonCodes()).containsExactly("agreement_not_approved");
  }

  @Test
  void failsClosedOnAnUnreadableResult() {
    var noData = new WasmPolicyEngine(wasm, 1, () -> new PolicyData("broken", "{not json"), JsonMapper.builder().build());
    PolicyDecision d = noData.decide(input(b -> {}));
    assertThat(d.allow()).isFalse();
    assertThat(d.reasonCodes()).containsExactly(PolicyDecision.POLICY_UNAVAILABLE);
  }

  @Test
  void evaluatesConcurrentlyWithoutMixingUpInputs() throws Exception {
    PolicyInput allowed = input(b -> {});
    PolicyInput denied = input(b -> b.withAgreement = false);
    List<Thread> threads = new ArrayList<>();
    var failures = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      boolean allow = t % 2 == 0;
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 50; i++) {
          if (engine.decide(allow ? allowed : denied).allow() != allow) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).hasValue(0);
  }
}
