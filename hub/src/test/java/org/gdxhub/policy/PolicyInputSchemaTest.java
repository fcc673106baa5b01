package org.gdxhub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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
import org.gdxhub.common.JsonText;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.exchange.internal.PolicyInputFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The inputs the hub sends to the policy match policies/schemas/exchange-input.json. */
class PolicyInputSchemaTest {

  static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in = PolicyInputSchemaTest.class.getResourceAsStream("/policies/schemas/exchange-input.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  static Set<ValidationMessage> validate(Object input) throws Exception {
    return schema.validate(new ObjectMapper().readTree(JsonText.write(input)));
  }

  @Test
  void inputsBuiltByTheHubValidate() throws Exception {
    var dataset = new Dataset("civil-record", "ทะเบียนราษฎร", "Civil record", "cro", "d", Classification.PERSONAL,
        "Act", DatasetStatus.PUBLISHED, "population-registry.civil-record",
        List.of(new DatasetField("citizen_id", "เลข", "ID", true, false)), 2, Instant.now(), Instant.now());
    var agreement = new Agreement("agr-1", 3, "civil-record", "cro", "district", List.of(), List.of("welfare"),
        Map.of("welfare", List.of("citizen_id")), List.of("Act"), List.of("citizen_id"), LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 12, 31), AgreementStatus.APPROVED, false, 0, "steward", Instant.now(), "req-1");
    var caller = new CallerIdentity("district", "registration", "officer-1", Set.of("consumer_officer"));
    var factory = new PolicyInputFactory();

    var withAgreement = factory.build(caller, dataset, agreement,
        new LookupRequest("1101700230708", null, "welfare", null, null, true, null, null), true, 7, Instant.now());
    assertThat(validate(withAgreement)).isEmpty();
    var withoutAgreement = factory.build(caller, dataset, null,
        new LookupRequest("1101700230708", "juristic_id", "welfare", "Act", "C-1", false, null, List.of("citizen_id")),
        true, 0, Instant.now());
    assertThat(validate(withoutAgreement)).isEmpty();
  }

  @Test
  void generatedTestInputsValidate() throws Exception {
    assertThat(validate(new PolicyInputBuilder().build())).isEmpty();
  }

  @Test
  void schemaRejectsAnInputWithAClearSubjectId() throws Exception {
    var input = new java.util.LinkedHashMap<String, Object>(JsonText.readMap(JsonText.write(new PolicyInputBuilder().build())));
    input.put("subject_id", "1101700230708");
    assertThat(validate(input)).isNotEmpty();
  }
}
