package org.gdxhub.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyInput;
import org.gdxhub.policy.PolicyInput.AgreementFacts;
import org.gdxhub.policy.PolicyInput.DatasetFacts;
import org.gdxhub.policy.PolicyInput.FieldFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.json.JsonMapper;

/** The committed Wasm build of policies/hub/exchange/authz.rego, evaluated in-process for real. */
class WasmPolicyEngineTest {

  static WasmPolicyEngine engine;

  static final DatasetFacts DATASET = new DatasetFacts("civil-record", "personal", "published", "cro", List.of(
      new FieldFacts("citizen_id", true, false), new FieldFacts("first_name_th", true, false),
      new FieldFacts("birth_date", true, false), new FieldFacts("face_image", true, true)));
  static final AgreementFacts AGREEMENT = new AgreementFacts("agr-1", 1, "approved", "civil-record", "district",
      List.of(), List.of("welfare"), List.of("Civil Registration Act"), List.of("citizen_id", "first_name_th", "birth_date"),
      "2026-01-01", "2027-12-31", false);
  static final PolicyInput ALLOWED = new PolicyInput("district", "registration",
      new PolicyInput.Officer("officer-1", Set.of("consumer_officer")), DATASET, AGREEMENT, "welfare",
      "Civil Registration Act", "CASE-1", true, "citizen_id", true, List.of(), "2026-11-23T03:00:00Z", "2026-11-23");

  @BeforeAll
  static void loadPolicy() throws IOException {
    byte[] wasm = WasmPolicyEngine.read(WasmPolicyEngineTest.class.getResourceAsStream("/policies/bundle/exchange.wasm"));
    engine = new WasmPolicyEngine(wasm, 2, JsonMapper.builder().build());
  }

  @Test
  void allowsAndReleasesEveryGrantedFieldWhenNoneRequested() {
    PolicyDecision decision = engine.decide(ALLOWED);
    assertThat(decision.allow()).isTrue();
    assertThat(decision.reasons()).isEmpty();
    assertThat(decision.fields()).containsExactly("birth_date", "citizen_id", "first_name_th");
  }

  @Test
  void releasesOnlyTheRequestedGrantedFields() {
    PolicyDecision decision = engine.decide(with(ALLOWED, i -> input(i, List.of("citizen_id"), i.agreement(), i.dataset())));
    assertThat(decision.allow()).isTrue();
    assertThat(decision.fields()).containsExactly("citizen_id");
  }

  static Stream<Arguments> denials() {
    return Stream.of(
        Arguments.of("invalid_subject_id", (UnaryOperator<PolicyInput>) i -> new PolicyInput(i.agency(), i.unit(),
            i.officer(), i.dataset(), i.agreement(), i.purpose(), i.legalBasis(), i.caseRef(), i.cardPresent(),
            i.subjectType(), false, i.requestedFields(), i.time(), i.date())),
        Arguments.of("dataset_not_published", (UnaryOperator<PolicyInput>) i -> input(i, i.requestedFields(),
            i.agreement(), new DatasetFacts("civil-record", "personal", "retired", "cro", DATASET.fields()))),
        Arguments.of("no_agreement", (UnaryOperator<PolicyInput>) i -> input(i, i.requestedFields(), null, i.dataset())),
        Arguments.of("agreement_not_approved", agreement(a -> new AgreementFacts(a.id(), a.version(), "suspended",
            a.datasetId(), a.consumerAgency(), a.units(), a.purposes(), a.legalBases(), a.fields(), a.validFrom(),
            a.validUntil(), a.onlineAccess()))),
        Arguments.of("agreement_dataset_mismatch", agreement(a -> new AgreementFacts(a.id(), a.version(), a.status(),
            "house-registration", a.consumerAgency(), a.units(), a.purposes(), a.legalBases(), a.fields(),
            a.validFrom(), a.validUntil(), a.onlineAccess()))),
        Arguments.of("agency_mismatch", agreement(a -> new AgreementFacts(a.id(), a.version(), a.status(),
            a.datasetId(), "revenue-department", a.units(), a.purposes(), a.legalBases(), a.fields(), a.validFrom(),
            a.validUntil(), a.onlineAccess()))),
        Arguments.of("unit_not_covered", agreement(a -> new AgreementFacts(a.id(), a.version(), a.status(),
            a.datasetId(), a.consumerAgency(), List.of("revenue"), a.purposes(), a.legalBases(), a.fields(),
            a.validFrom(), a.validUntil(), a.onlineAccess()))),
        Arguments.of("agreement_expired", agreement(a -> new AgreementFacts(a.id(), a.version(), a.status(),
            a.datasetId(), a.consumerAgency(), a.units(), a.purposes(), a.legalBases(), a.fields(), a.validFrom(),
            "2026-11-22", a.onlineAccess()))),
        Arguments.of("agreement_not_yet_valid", agreement(a -> new AgreementFacts(a.id(), a.version(), a.status(),
            a.datasetId(), a.consumerAgency(), a.units(), a.purposes(), a.legalBases(), a.fields(), "2026-11-24",
            a.validUntil(), a.onlineAccess()))),
        Arguments.of("purpose_not_in_agreement", (UnaryOperator<PolicyInput>) i -> new PolicyInput(i.agency(),
            i.unit(), i.officer(), i.dataset(), i.agreement(), "marketing", i.legalBasis(), i.caseRef(),
            i.cardPresent(), i.subjectType(), i.subjectValid(), i.requestedFields(), i.time(), i.date())),
        Arguments.of("legal_basis_not_in_agreement", (UnaryOperator<PolicyInput>) i -> new PolicyInput(i.agency(),
            i.unit(), i.officer(), i.dataset(), i.agreement(), i.purpose(), "Some Other Act", i.caseRef(),
            i.cardPresent(), i.subjectType(), i.subjectValid(), i.requestedFields(), i.time(), i.date())),
        Arguments.of("field_not_granted", (UnaryOperator<PolicyInput>) i -> input(i, List.of("citizen_id", "face_image"),
            i.agreement(), i.dataset())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  void deniesWithExactlyOneDistinctReasonCode(String code, UnaryOperator<PolicyInput> change) {
    PolicyDecision decision = engine.decide(change.apply(ALLOWED));
    assertThat(decision.allow()).isFalse();
    assertThat(decision.reasonCodes()).containsExactly(code);
    assertThat(decision.reasons().getFirst().message()).isNotBlank();
    assertThat(decision.fields()).isEmpty();
  }

  @Test
  void reportsEveryReasonInCodeOrder() {
    PolicyInput input = new PolicyInput("district", "registration", ALLOWED.officer(), DATASET, null, "marketing", "",
        null, false, "citizen_id", false, List.of(), ALLOWED.time(), ALLOWED.date());
    assertThat(engine.decide(input).reasonCodes()).containsExactly("invalid_subject_id", "no_agreement");
  }

  @Test
  void evaluatesConcurrentlyWithoutMixingUpInputs() throws Exception {
    PolicyInput denied = input(ALLOWED, ALLOWED.requestedFields(), null, DATASET);
    List<Thread> threads = new java.util.ArrayList<>();
    var failures = new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < 8; t++) {
      boolean allow = t % 2 == 0;
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 50; i++) {
          if (engine.decide(allow ? ALLOWED : denied).allow() != allow) {
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

  private static UnaryOperator<PolicyInput> agreement(UnaryOperator<AgreementFacts> change) {
    return i -> input(i, i.requestedFields(), change.apply(i.agreement()), i.dataset());
  }

  private static PolicyInput input(PolicyInput i, List<String> fields, AgreementFacts agreement, DatasetFacts dataset) {
    return new PolicyInput(i.agency(), i.unit(), i.officer(), dataset, agreement, i.purpose(), i.legalBasis(),
        i.caseRef(), i.cardPresent(), i.subjectType(), i.subjectValid(), fields, i.time(), i.date());
  }

  private static PolicyInput with(PolicyInput i, UnaryOperator<PolicyInput> change) {
    return change.apply(i);
  }
}
