package org.gdxhub.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gdxhub.common.JsonText;
import org.gdxhub.policy.PolicyInput.FieldFacts;
import org.gdxhub.policy.PolicyInputBuilder;
import org.junit.jupiter.api.Test;

class PolicyInputFactoryTest {

  private final PolicyInputFactory inputs = new PolicyInputFactory();

  @Test
  void writesTheSameTextAsJacksonWithAndWithoutAnAgreement() {
    var input = new PolicyInputBuilder();
    assertThat(inputs.json(input.build())).isEqualTo(JsonText.write(input.build()));
    input.withAgreement = false;
    assertThat(inputs.json(input.build())).isEqualTo(JsonText.write(input.build())).contains("\"agreement\":null");
  }

  @Test
  void aChangedFactIsWrittenAfreshNotTakenFromTheCache() {
    var input = new PolicyInputBuilder();
    inputs.json(input.build());
    input.agreementStatus = "suspended";
    input.fields = List.of(new FieldFacts("citizen_id", true, false));
    assertThat(inputs.json(input.build())).isEqualTo(JsonText.write(input.build())).contains("\"suspended\"");
  }

  /** Random call facts (with characters JSON must escape) over a few repeating datasets and agreements. */
  @Test
  void randomInputsGiveExactlyJacksonsText() {
    var random = new Random(20261205);
    for (int i = 0; i < 3_000; i++) {
      var input = new PolicyInputBuilder();
      input.purpose = text(random);
      input.caseRef = text(random);
      input.legalBasis = text(random);
      input.unit = text(random);
      input.usageToday = random.nextInt(1000);
      input.requestedFields = random.nextBoolean() ? List.of() : List.of(text(random), "citizen_id");
      input.withAgreement = random.nextInt(4) > 0;
      input.agreementVersion = 1 + random.nextInt(3);
      input.purposeFields = Map.of("tax", List.of("citizen_id", "f" + random.nextInt(3)));
      input.datasetId = "dataset-" + random.nextInt(3);
      assertThat(inputs.json(input.build())).as("input %d", i).isEqualTo(JsonText.write(input.build()));
    }
  }

  private static String text(Random random) {
    String alphabet = "ab{}[]\":,\\$ \u0e01\t\n/";
    var text = new StringBuilder();
    for (int i = random.nextInt(10); i > 0; i--) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    if (random.nextInt(8) == 0) {
      text.append(",\"dataset\":null,\"agreement\":null,");
    }
    return text.toString();
  }
}
