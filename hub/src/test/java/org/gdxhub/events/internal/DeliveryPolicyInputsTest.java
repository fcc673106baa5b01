package org.gdxhub.events.internal;

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
import org.gdxhub.common.JsonText;
import org.gdxhub.events.Subscription;
import org.gdxhub.events.SubscriptionStatus;
import org.gdxhub.policy.PolicyInput;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/** A delivery's policy input is the exchange policy's own contract: online, in the subscriber's name. */
class DeliveryPolicyInputsTest {

  static final Instant NOW = Instant.parse("2026-11-23T18:30:00Z"); // 01:30 on the 24th in Bangkok

  final Dataset dataset = new Dataset("civil-registration-events", "เหตุการณ์", "Events", "cro", "d",
      Classification.PERSONAL, "Act", DatasetStatus.PUBLISHED, "population-registry.change-events",
      List.of(new DatasetField("citizen_id", "เลข", "ID", true, false),
          new DatasetField("date_of_death", "วันตาย", "Date of death", true, false)), 1, NOW, NOW);
  final Agreement agreement = new Agreement("agr-1", 2, dataset.id(), "cro", "bangrak", List.of(),
      List.of("welfare"), Map.of("welfare", List.of("citizen_id", "date_of_death")), List.of("Act"),
      List.of("citizen_id", "date_of_death"), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31),
      AgreementStatus.APPROVED, true, 0, "steward", NOW, "req-1");
  final Subscription subscription = new Subscription("sub-1", "bangrak", "community-development", "officer-014",
      Set.of("consumer_officer"), dataset.id(), null, "welfare", "Act", "BR-1", List.of("death_recorded"),
      List.of("date_of_death"), SubscriptionStatus.ACTIVE, NOW, null, 1, 0, 0, List.of());

  @Test
  void theInputIsTheSubscribersOnlineRequestAndMatchesTheSchema() throws Exception {
    PolicyInput input = new DeliveryPolicyInputs().build(subscription, dataset, agreement, "citizen_id", true, 4, NOW);

    assertThat(input.agency()).isEqualTo("bangrak");
    assertThat(input.unit()).isEqualTo("community-development");
    assertThat(input.officer().id()).isEqualTo("officer-014");
    assertThat(input.officer().roles()).containsExactly("consumer_officer");
    assertThat(input.cardPresent()).isFalse();
    assertThat(input.caseRef()).isEqualTo("BR-1");
    assertThat(input.requestedFields()).containsExactly("date_of_death");
    assertThat(input.usage().agreementToday()).isEqualTo(4);
    assertThat(input.date()).as("Thai calendar day").isEqualTo("2026-11-24");
    assertThat(input.agreement().onlineAccess()).isTrue();

    try (InputStream in = getClass().getResourceAsStream("/policies/schemas/exchange-input.json")) {
      var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
      assertThat(schema.validate(new ObjectMapper().readTree(JsonText.write(input)))).isEmpty();
      PolicyInput withoutAgreement = new DeliveryPolicyInputs().build(subscription, dataset, null, "citizen_id", true, 0,
          NOW);
      assertThat(schema.validate(new ObjectMapper().readTree(JsonText.write(withoutAgreement)))).isEmpty();
    }
  }
}
