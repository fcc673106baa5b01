package org.gdxhub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.AmendAgreement;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.demo.DemoData;
import org.gdxhub.policy.PolicyInput.FieldFacts;
import org.gdxhub.policy.internal.OpaServerPolicyEngine;
import org.gdxhub.testsupport.OpaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The same decisions in-process (Wasm) and from a real OPA server that pulls the policy and
 * data bundles from the running hub, on a generated corpus: every combination of ten rule
 * violations (1,024 inputs) plus 600 random inputs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyDifferentialIT {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws Exception {
    String dataDir = java.nio.file.Files.createTempDirectory("gdx-hub-diff-").toString();
    properties.add("hub.data-dir", () -> dataDir);
  }

  @org.springframework.boot.test.web.server.LocalServerPort
  int port;
  @Autowired
  PolicyEngine wasm;
  @Autowired
  PolicyDataService policyData;
  @Autowired
  AgreementService agreements;

  OpaServer opa;
  OpaServerPolicyEngine rest;
  Agreement demoAgreement;

  @BeforeAll
  void startOpa() {
    demoAgreement = agreements.agreements(DemoData.CONSUMER, DemoData.DATASET).getFirst();
    opa = OpaServer.pullingBundlesFrom("http://127.0.0.1:" + port);
    opa.awaitBundles(Duration.ofSeconds(30));
    opa.awaitDataRevision(policyData.current().revision(), Duration.ofSeconds(30));
    rest = new OpaServerPolicyEngine(opa.url(), Duration.ofSeconds(5), JsonMapper.builder().build());
  }

  @AfterAll
  void stopOpa() {
    if (opa != null) {
      opa.close();
    }
  }

  @Test
  @Order(1)
  void bothEnginesAgreeOnEveryInputOfTheCorpus() {
    List<PolicyInput> corpus = new ArrayList<>();
    for (int mask = 0; mask < 1 << 10; mask++) {
      corpus.add(combination(mask));
    }
    Random random = new Random(42);
    for (int i = 0; i < 600; i++) {
      corpus.add(randomInput(random));
    }
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(1_000);

    int allowed = 0;
    Set<String> reasonsSeen = new TreeSet<>();
    List<String> differences = new ArrayList<>();
    for (PolicyInput input : corpus) {
      PolicyDecision inProcess = wasm.decide(input);
      PolicyDecision server = rest.decide(input);
      assertThat(inProcess.reasonCodes()).doesNotContain(PolicyDecision.POLICY_UNAVAILABLE);
      assertThat(server.reasonCodes()).doesNotContain(PolicyDecision.POLICY_UNAVAILABLE);
      if (!inProcess.equals(server)) {
        differences.add(input + "\n  wasm: " + inProcess + "\n  opa:  " + server);
      }
      allowed += inProcess.allow() ? 1 : 0;
      reasonsSeen.addAll(inProcess.reasonCodes());
    }
    assertThat(differences).as("decisions that differ").isEmpty();
    // The corpus exercises both outcomes and every rule, not just one path.
    assertThat(allowed).isGreaterThanOrEqualTo(10);
    assertThat(corpus.size() - allowed).isGreaterThanOrEqualTo(1_000);
    assertThat(reasonsSeen).contains("invalid_subject_id", "dataset_not_published", "no_agreement",
        "agreement_expired", "purpose_not_in_agreement", "unit_not_in_agency", "case_ref_required",
        "card_not_present", "field_not_granted", "quota_exceeded", "clearance_required", "agency_mismatch",
        "unit_not_covered", "agreement_superseded", "field_not_needed_for_purpose");
  }

  @Test
  @Order(2)
  void anAgreementChangeReachesBothEnginesThroughTheDataBundle() {
    PolicyInput before = combination(0);
    assertThat(wasm.decide(before).allow()).isTrue();
    var steward = new CallerIdentity(DemoData.OWNER, "registration-bureau", "steward-001", Set.of());
    agreements.amend(steward, demoAgreement.id(), demoAgreement.version(),
        new AmendAgreement(null, null, null, null, null, 50_000));

    // The input still carries the version the hub read before the amendment.
    assertThat(wasm.decide(before).reasonCodes()).containsExactly("agreement_superseded");
    opa.awaitDataRevision(policyData.current().revision(), Duration.ofSeconds(30));
    assertThat(rest.decide(before).reasonCodes()).containsExactly("agreement_superseded");
  }

  /** The base input is an allowed demo lookup; bit i of the mask breaks rule i. */
  private PolicyInput combination(int mask) {
    PolicyInputBuilder b = demoLookup();
    if ((mask & 1) != 0) {
      b.subjectValid = false;
    }
    if ((mask & 2) != 0) {
      b.datasetStatus = "retired";
    }
    if ((mask & 4) != 0) {
      b.withAgreement = false;
    }
    if ((mask & 8) != 0) {
      b.validUntil = "2026-01-01";
    }
    if ((mask & 16) != 0) {
      b.purpose = "debt-collection";
    }
    if ((mask & 32) != 0) {
      b.unit = "no-such-unit";
    }
    if ((mask & 64) != 0) {
      b.caseRef = "";
    }
    if ((mask & 128) != 0) {
      b.cardPresent = false;
    }
    if ((mask & 256) != 0) {
      b.requestedFields = List.of("citizen_id", "face_image");
    }
    if ((mask & 512) != 0) {
      b.dailyQuota = 5;
      b.usageToday = 5;
    }
    return b.build();
  }

  private PolicyInput randomInput(Random r) {
    PolicyInputBuilder b = demoLookup();
    b.classification = pick(r, "public", "personal", "security", "secret");
    b.roles = r.nextBoolean() ? Set.of("consumer_officer") : Set.of("consumer_officer", "clearance_secret");
    b.subjectType = pick(r, "citizen_id", "juristic_id");
    b.subjectValid = r.nextInt(10) > 0;
    b.withAgreement = r.nextInt(8) > 0;
    b.agreementVersion = 1 + r.nextInt(3);
    b.agreementStatus = pick(r, "approved", "approved", "approved", "suspended", "revoked");
    b.consumerAgency = r.nextInt(8) > 0 ? DemoData.CONSUMER : DemoData.OWNER;
    b.agreementUnits = r.nextBoolean() ? List.of() : List.of(pick(r, "registration", "revenue"));
    b.unit = pick(r, "registration", "revenue", "public-works", "nowhere");
    b.purpose = pick(r, DemoData.PURPOSE, DemoData.TAX_PURPOSE, "debt-collection");
    b.legalBasis = pick(r, "", DemoData.LEGAL_BASIS, "Other Act");
    b.onlineAccess = r.nextBoolean();
    b.cardPresent = r.nextBoolean();
    b.caseRef = pick(r, "", " ", "BR-1", null);
    b.validFrom = pick(r, "2026-01-01", "2026-12-01");
    b.validUntil = pick(r, "2026-11-22", "2026-11-23", "2028-01-01");
    b.dailyQuota = r.nextInt(3) * 5;
    b.usageToday = r.nextInt(12);
    List<String> pool = List.of("citizen_id", "first_name_th", "last_name_th", "birth_date", "address", "gender",
        "face_image");
    List<String> requested = new ArrayList<>();
    pool.forEach(f -> {
      if (r.nextInt(4) == 0) {
        requested.add(f);
      }
    });
    b.requestedFields = requested;
    if (r.nextInt(5) == 0) {
      b.grantedFields = List.of("citizen_id", "face_image");
    }
    return b.build();
  }

  private PolicyInputBuilder demoLookup() {
    PolicyInputBuilder b = new PolicyInputBuilder();
    Agreement a = demoAgreement;
    b.agency = DemoData.CONSUMER;
    b.consumerAgency = a.consumerAgency();
    b.agreementId = a.id();
    b.agreementVersion = a.version();
    b.agreementDataset = a.datasetId();
    b.datasetId = a.datasetId();
    b.purposes = a.purposes();
    b.purposeFields = a.purposeFields();
    b.legalBases = a.legalBases();
    b.grantedFields = a.fields();
    b.validFrom = a.validFrom().toString();
    b.validUntil = a.validUntil().toString();
    b.purpose = DemoData.PURPOSE;
    b.legalBasis = DemoData.LEGAL_BASIS;
    b.date = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Bangkok")).toString();
    b.fields = List.of(new FieldFacts("citizen_id", true, false), new FieldFacts("first_name_th", true, false),
        new FieldFacts("last_name_th", true, false), new FieldFacts("birth_date", true, false),
        new FieldFacts("address", true, false), new FieldFacts("gender", true, false),
        new FieldFacts("face_image", true, true));
    return b;
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }
}
