package org.gdxhub.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementStatus;
import org.gdxhub.catalog.Classification;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetField;
import org.gdxhub.catalog.DatasetStatus;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.exchange.internal.PolicyInputFactory;
import org.gdxhub.policy.internal.WasmPolicyEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of the policy input builder (issue #10): whatever an identified caller
 * puts into a lookup (odd Unicode, control characters, huge strings, unknown field names, any
 * agreement status, version or dates, any usage count), the hub builds an input that matches the
 * policy's JSON schema and the real Wasm policy answers allow or deny with stable reason codes,
 * never an exception.
 */
class PolicyInputPropertiesTest {

  static WasmPolicyEngine engine;
  static final PolicyInputFactory FACTORY = new PolicyInputFactory();
  static final Dataset DATASET = new Dataset("civil-record", "ทะเบียนราษฎร", "Civil record", "cro", "d",
      Classification.PERSONAL, "Act", DatasetStatus.PUBLISHED, "population-registry.civil-record",
      List.of(new DatasetField("citizen_id", "เลข", "ID", true, false),
          new DatasetField("face_image", "ภาพ", "Face", true, true)), 2, Instant.now(), Instant.now());

  record Case(CallerIdentity caller, LookupRequest request, Agreement agreement, boolean subjectValid, long usage,
      Instant now) {}

  @BeforeAll
  static void loadPolicy() throws Exception {
    PolicyInputSchemaTest.loadSchema();
    engine = new WasmPolicyEngine(
        WasmPolicyEngine.read(PolicyInputPropertiesTest.class.getResourceAsStream("/policies/bundle/exchange.wasm")), 1,
        PolicyInputBuilder::data, JsonMapper.builder().build());
  }

  @Test
  void anyLookupBuildsASchemaValidInputThePolicyDecides() {
    qt().withExamples(300).withShrinkCycles(50).forAll(cases()).checkAssert(c -> {
      PolicyInput input = FACTORY.build(c.caller(), DATASET, c.agreement(), c.request(), c.subjectValid(), c.usage(),
          c.now());
      try {
        assertThat(PolicyInputSchemaTest.validate(input)).as("schema violations").isEmpty();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      PolicyDecision decision = engine.decide(input);
      if (decision.allow()) {
        assertThat(decision.reasons()).isEmpty();
        assertThat(c.agreement()).isNotNull();
        assertThat(decision.fields()).isSubsetOf(c.agreement().fields());
      } else {
        assertThat(decision.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r.code()).matches("[a-z_]+"));
        assertThat(decision.fields()).isEmpty();
      }
    });
  }

  static Gen<Case> cases() {
    Gen<CallerIdentity> callers = text().zip(text(), text(), roles(), CallerIdentity::new);
    Gen<LookupRequest> requests = subjectTypes().zip(text(), maybeText(), maybeText(),
        (type, purpose, basis, caseRef) -> new String[] {type, purpose, basis, caseRef})
        .zip(booleans().all(), fieldLists(), (s, card, fields) ->
            new LookupRequest("1101700230708", s[0], s[1], s[2], s[3], card, null, fields));
    Gen<Object[]> rest = booleans().all().zip(longs().between(0, Long.MAX_VALUE).mix(Generate.constant(0L), 20),
        longs().between(-30_000_000_000L, 250_000_000_000L).map((Long s) -> Instant.ofEpochSecond(s)),
        (valid, usage, now) -> new Object[] {valid, usage, now});
    return callers.zip(requests, agreements(), rest,
        (caller, request, agreement, r) -> new Case(caller, request, agreement, (Boolean) r[0], (Long) r[1],
            (Instant) r[2]));
  }

  static Gen<String> text() {
    return Generate.oneOf(strings().allPossible().ofLengthBetween(1, 40),
        Generate.pick(List.of("welfare", "tax", "district", "registration", "officer-1", "ทะเบียน", "\u0000", " ",
            "\"}")),
        strings().ascii().ofLength(5000));
  }

  static Gen<String> maybeText() {
    return text().mix(Generate.constant((String) null), 20);
  }

  static Gen<Set<String>> roles() {
    return lists().of(Generate.oneOf(Generate.pick(List.of("consumer_officer", "unit_head", "committee", "operator")),
        strings().allPossible().ofLengthBetween(0, 10))).ofSizeBetween(0, 4).map((List<String> l) -> Set.copyOf(l));
  }

  static Gen<String> subjectTypes() {
    // The exchange refuses other subject types (invalid_subject_id) before it asks the policy.
    return Generate.pick(java.util.Arrays.asList("citizen_id", "juristic_id", "", " ", null));
  }

  static Gen<List<String>> fieldLists() {
    return lists().of(Generate.oneOf(Generate.pick(List.of("citizen_id", "face_image", "gender")),
        strings().allPossible().ofLengthBetween(0, 15))).ofSizeBetween(0, 5)
        .mix(Generate.constant((List<String>) null), 10);
  }

  static Gen<Agreement> agreements() {
    Gen<LocalDate> dates = integers().between(-3000, 3000).map((Integer d) -> LocalDate.of(2026, 1, 1).plusDays(d));
    Gen<List<String>> granted = Generate.pick(List.of(List.<String>of(), List.of("citizen_id"), List.of("face_image"),
        List.of("citizen_id", "face_image")));
    Gen<Agreement> some = integers().between(1, Integer.MAX_VALUE).zip(Generate.enumValues(AgreementStatus.class),
        dates, dates, (version, status, from, until) -> new Object[] {version, status, from, until})
        .zip(granted, text(), integers().between(0, 100), booleans().all(), (v, fields, purpose, quota, online) ->
            new Agreement("agr-1", (Integer) v[0], "civil-record", "cro", "district", List.of(), List.of(purpose),
                Map.of(purpose, fields), List.of("Act"), fields, (LocalDate) v[2], (LocalDate) v[3],
                (AgreementStatus) v[1], online, quota, "steward", Instant.now(), "req-1"));
    return some.mix(Generate.constant((Agreement) null), 15);
  }
}
