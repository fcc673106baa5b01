package org.gdxhub.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.exchange.ExchangeService;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.testsupport.OpaServer;
import org.gdxhub.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Policy-change replay over a seeded ledger: 6 lookups served to the registration section,
 * 4 served to the public-works section, 3 denied for a purpose outside the agreement. Two
 * candidate policies are built from the real Rego with the real opa CLI and replayed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyReplayIT {

  static final int SEEDED = 13;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws Exception {
    String dataDir = Files.createTempDirectory("gdx-hub-replay-").toString();
    properties.add("hub.data-dir", () -> dataDir);
  }

  @LocalServerPort
  int port;
  @Autowired
  org.gdxhub.security.TokenIssuer issuer;
  @Autowired
  ExchangeService exchange;
  @Autowired
  PopulationRegistry registry;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  void seedLedger() {
    List<String> citizens = registry.sampleCitizenIds(20);
    for (int i = 0; i < 6; i++) {
      lookup("registration", DemoData.PURPOSE, citizens.get(i));
    }
    for (int i = 0; i < 4; i++) {
      lookup("public-works", DemoData.PURPOSE, citizens.get(6 + i));
    }
    for (int i = 0; i < 3; i++) {
      try {
        lookup("registration", "debt-collection", citizens.get(10 + i));
      } catch (HubException denied) {
        assertThat(denied.errorCode().code()).isEqualTo("access_denied");
      }
    }
  }

  private void lookup(String unit, String purpose, String citizen) {
    var officer = new CallerIdentity(DemoData.CONSUMER, unit, "officer-" + unit, Set.of("consumer_officer"));
    exchange.lookup(officer, DemoData.DATASET, new LookupRequest(citizen, null, purpose, null, "CASE-9", true, null,
        null));
  }

  @Test
  void replayingThePolicyInForceChangesNothing() throws Exception {
    JsonNode report = replay(candidate(rego -> rego), "committee");
    assertThat(report.get("evaluated").asInt()).isEqualTo(SEEDED);
    assertThat(report.get("unchanged").asInt()).isEqualTo(SEEDED);
    assertThat(report.get("flipped").asInt()).isZero();
    assertThat(report.get("driftFromLedger").asInt()).isZero();
  }

  @Test
  void suspendingASectionFlipsExactlyItsLookups() throws Exception {
    byte[] candidate = candidate(rego -> rego
        .replace("\"quota_exceeded\": ", "\"unit_suspended\": \"The officer's section is suspended.\",\n\t\"quota_exceeded\": ")
        + "\ndeny contains \"unit_suspended\" if input.unit == \"public-works\"\n");
    JsonNode report = replay(candidate, "committee");
    assertThat(report.get("evaluated").asInt()).isEqualTo(SEEDED);
    assertThat(report.get("flipped").asInt()).isEqualTo(4);
    assertThat(report.get("allowToDeny").asInt()).isEqualTo(4);
    assertThat(report.get("denyToAllow").asInt()).isZero();
    assertThat(report.get("unchanged").asInt()).isEqualTo(9);
    assertThat(report.get("reasonsAdded").get("unit_suspended").asInt()).isEqualTo(4);
    assertThat(report.get("reasonsAdded").size()).isEqualTo(1);
    assertThat(report.get("flips")).hasSize(4);
    report.get("flips").forEach(flip -> assertThat(flip.get("reasonsAfter").get(0).asString()).isEqualTo("unit_suspended"));
  }

  @Test
  void droppingPurposeBindingFlipsExactlyThePurposeDenials() throws Exception {
    byte[] candidate = candidate(rego -> rego.replace(
        "deny contains \"purpose_not_in_agreement\" if not input.purpose in agreement.purposes", ""));
    JsonNode report = replay(candidate, "committee");
    assertThat(report.get("denyToAllow").asInt()).isEqualTo(3);
    assertThat(report.get("allowToDeny").asInt()).isZero();
    assertThat(report.get("reasonsRemoved").get("purpose_not_in_agreement").asInt()).isEqualTo(3);
  }

  @Test
  void replayIsForTheCommitteeOnly() throws Exception {
    HttpResponse<String> response = post(candidate(rego -> rego), "consumer_officer");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("role_required");
  }

  @Test
  void aBodyThatIsNoPolicyIsABadRequest() throws Exception {
    HttpResponse<String> response = post("not a bundle".getBytes(StandardCharsets.UTF_8), "committee");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("invalid_request");
  }

  private JsonNode replay(byte[] candidate, String role) throws Exception {
    HttpResponse<String> response = post(candidate, role);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> post(byte[] body, String role) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/v1/governance/policy-replay?last=" + SEEDED))
        .header("Content-Type", "application/gzip")
        .header("Authorization", new TestTokens(issuer).bearer("governance-committee", "secretariat", "auditor-1", role))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Builds a Wasm bundle with the real opa CLI from the shipped Rego, changed by {@code edit}. */
  private static byte[] candidate(UnaryOperator<String> edit) throws Exception {
    String rego = new ClassPathResource("policies/hub/exchange/authz.rego").getContentAsString(StandardCharsets.UTF_8);
    Path dir = Files.createTempDirectory("gdx-candidate-");
    Path source = dir.resolve("hub/exchange/authz.rego");
    Files.createDirectories(source.getParent());
    Files.writeString(source, edit.apply(rego));
    Path bundle = dir.resolve("bundle.tar.gz");
    Process build = new ProcessBuilder(OpaServer.binary().toString(), "build", "-t", "wasm", "-e",
        "hub/exchange/decision", "hub", "-o", bundle.toString()).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(build.exitValue()).as(output).isZero();
    return Files.readAllBytes(bundle);
  }
}
