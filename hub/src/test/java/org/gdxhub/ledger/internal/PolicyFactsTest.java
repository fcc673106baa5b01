package org.gdxhub.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gdxhub.common.JsonText;
import org.gdxhub.policy.PolicyInput.FieldFacts;
import org.gdxhub.policy.PolicyInputBuilder;
import org.junit.jupiter.api.Test;

class PolicyFactsTest {

  private final Map<String, String> factStore = new HashMap<>();

  private String roundTrip(String input) {
    PolicyFacts.Split split = PolicyFacts.split(input);
    split.facts().forEach(f -> factStore.put(f.digest(), f.json()));
    return PolicyFacts.join(split.storedInput(), factStore::get);
  }

  @Test
  void splitsTheDatasetAndAgreementOutAndJoinsThemBackExactly() {
    String input = JsonText.write(new PolicyInputBuilder().build());
    PolicyFacts.Split split = PolicyFacts.split(input);

    assertThat(split.facts()).hasSize(2);
    assertThat(split.facts().get(0).json()).startsWith("{\"id\":\"civil-record\"").endsWith("}");
    assertThat(split.facts().get(1).json()).startsWith("{\"id\":\"agr-1\"").endsWith("}");
    assertThat(split.storedInput()).contains("\"dataset\":{\"$fact\":\"" + split.facts().get(0).digest() + "\"}")
        .contains("\"agreement\":{\"$fact\":\"" + split.facts().get(1).digest() + "\"}");
    assertThat(JsonText.readMap(split.storedInput())).containsEntry("purpose", "welfare");
    assertThat(roundTrip(input)).isEqualTo(input);
  }

  @Test
  void equalFactsHaveEqualDigestsAndAnyChangeGivesANewOne() {
    var input = new PolicyInputBuilder();
    String first = PolicyFacts.split(JsonText.write(input.build())).facts().get(1).digest();
    input.purpose = "tax";
    input.usageToday = 41;
    assertThat(PolicyFacts.split(JsonText.write(input.build())).facts().get(1).digest()).isEqualTo(first);
    input.agreementVersion = 2;
    assertThat(PolicyFacts.split(JsonText.write(input.build())).facts().get(1).digest()).isNotEqualTo(first);
  }

  @Test
  void inputWithoutObjectFactsIsStoredAsItIs() {
    var input = new PolicyInputBuilder();
    input.withAgreement = false;
    String json = JsonText.write(input.build());
    assertThat(json).contains("\"agreement\":null");
    assertThat(PolicyFacts.split(json).facts()).hasSize(1);
    assertThat(roundTrip(json)).isEqualTo(json);

    for (String plain : List.of("{}", "{\"purpose\":\"welfare\"}", "[1,2]", "not json", "{\"dataset\":\"x\"}")) {
      assertThat(PolicyFacts.split(plain).storedInput()).isEqualTo(plain);
      assertThat(PolicyFacts.split(plain).facts()).isEmpty();
      assertThat(PolicyFacts.join(plain, d -> null)).isEqualTo(plain);
    }
  }

  @Test
  void aMissingFactIsAnErrorNotASilentlyDifferentInput() {
    String stored = PolicyFacts.split(JsonText.write(new PolicyInputBuilder().build())).storedInput();
    assertThatThrownBy(() -> PolicyFacts.join(stored, d -> null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is missing");
  }

  @Test
  void refusesInputThatAlreadyHoldsAReference() {
    assertThatThrownBy(() -> PolicyFacts.split("{\"dataset\":{\"$fact\":\"" + "a".repeat(64) + "\"}}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Random inputs with strings JSON must escape, in every member the caller controls. */
  @Test
  void randomInputsRoundTripExactly() {
    var random = new Random(20261205);
    for (int i = 0; i < 2_000; i++) {
      var input = new PolicyInputBuilder();
      input.purpose = randomText(random);
      input.caseRef = randomText(random);
      input.legalBasis = randomText(random);
      input.unit = randomText(random);
      input.withAgreement = random.nextInt(5) > 0;
      input.purposes = List.of(randomText(random), input.purpose);
      input.fields = List.of(new FieldFacts(randomText(random), random.nextBoolean(), random.nextBoolean()));
      input.requestedFields = random.nextBoolean() ? List.of() : List.of(randomText(random));
      String json = JsonText.write(input.build());
      assertThat(roundTrip(json)).as("input %d", i).isEqualTo(json);
      assertThat(PolicyFacts.split(json).facts()).hasSize(input.withAgreement ? 2 : 1);
    }
  }

  /** The structural scan finds the same spans as Jackson's parser, also in pretty-printed text. */
  @Test
  void factSpansAgreeWithJacksonsParser() {
    var random = new Random(7);
    var pretty = tools.jackson.databind.json.JsonMapper.builder()
        .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build();
    for (int i = 0; i < 2_000; i++) {
      var input = new PolicyInputBuilder();
      input.purpose = randomText(random);
      input.unit = randomText(random);
      input.withAgreement = random.nextBoolean();
      input.purposeFields = Map.of(randomText(random), List.of(randomText(random)));
      String json = i % 2 == 0 ? JsonText.write(input.build()) : pretty.writeValueAsString(input.build());
      assertThat(spans(PolicyFacts.factSpans(json))).as("input %d", i).isEqualTo(spans(jacksonSpans(json)));
    }
  }

  @Test
  void malformedTextHasNoFactsAndThrowsNothing() {
    for (String bad : List.of("", "{", "{\"dataset\":", "{\"dataset\":{\"id\":1}", "{\"dataset\":{\"id\":1},}",
        "{\"dataset\" {}}", "{\"a\":\"unterminated}", "{\"dataset\":{}} trailing", "{dataset:{}}")) {
      assertThat(PolicyFacts.factSpans(bad)).as(bad).isEmpty();
      assertThat(PolicyFacts.split(bad).storedInput()).isEqualTo(bad);
    }
  }

  private static List<String> spans(List<int[]> spans) {
    return spans.stream().map(s -> s[0] + ".." + s[1]).toList();
  }

  private static List<int[]> jacksonSpans(String json) {
    var spans = new java.util.ArrayList<int[]>();
    try (var parser = tools.jackson.databind.json.JsonMapper.builder().build().createParser(json)) {
      parser.nextToken();
      String name;
      while ((name = parser.nextName()) != null) {
        if (parser.nextToken() == tools.jackson.core.JsonToken.START_OBJECT && PolicyFacts.MEMBERS.contains(name)) {
          int start = (int) parser.currentTokenLocation().getCharOffset();
          parser.skipChildren();
          spans.add(new int[] {start, (int) parser.currentLocation().getCharOffset()});
        } else {
          parser.skipChildren();
        }
      }
    }
    return spans;
  }

  private static String randomText(Random random) {
    String alphabet = "ab{}[]\":,\\$ \u0e01\u0e02\t\n/\u00e9";
    var text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    if (random.nextInt(10) == 0) {
      text.append("{\"$fact\":\"").append("f".repeat(64)).append("\"}");
    }
    return text.toString();
  }
}
