package org.gdxhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-officer rate limits (429 with Retry-After, ledgered as a denied exchange) and rotation
 * of the pseudonymisation key (a clear-ID search still finds entries of every key version),
 * over HTTP on the running hub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AbuseControlsAndPseudonymRotationIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-abuse-").toString();
    properties.add("hub.data-dir", () -> dataDir);
    properties.add("hub.security.rate-limit.lookups-per-minute", () -> "3");
    properties.add("hub.ledger.search.follow-interval", () -> "200ms");
  }

  @LocalServerPort
  int port;
  @Autowired
  TokenIssuer issuer;
  @Autowired
  PopulationRegistry registry;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anOfficerOverTheRateLimitGets429WithRetryAfterAndTheRefusalIsLedgered() {
    TestTokens tokens = new TestTokens(issuer);
    String officer = tokens.bearer(DemoData.CONSUMER, "registration", "busy-officer", Roles.CONSUMER_OFFICER);
    String citizen = registry.sampleCitizenIds(1).getFirst();
    for (int i = 0; i < 3; i++) {
      assertThat(lookup(officer, citizen).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = lookup(officer, citizen);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").get())).isBetween(1L, 60L);
    JsonNode problem = JSON.readTree(limited.body());
    assertThat(problem.get("code").asString()).isEqualTo("rate_limited");
    JsonNode entry = JSON.readTree(send("GET", "/api/v1/ledger/" + problem.get("ledgerEntryId").asString(),
        tokens.auditor(), null).body());
    assertThat(entry.get("exchange").get("decision").asString()).isEqualTo("deny");
    assertThat(entry.get("exchange").get("outcome").asString()).isEqualTo("denied");
    assertThat(entry.get("exchange").get("reasons").get(0).get("code").asString()).isEqualTo("rate_limited");
    // The refusal feeds the alert list.
    long deadline = System.nanoTime() + 20_000_000_000L;
    String alerts;
    do {
      alerts = send("GET", "/api/v1/governance/alerts", tokens.committee(), null).body();
    } while (!alerts.contains("\"rate_limited\"") && System.nanoTime() < deadline);
    assertThat(alerts).contains("\"type\":\"rate_limited\"", "busy-officer");
    // Another officer of the same unit is not held back.
    String colleague = tokens.bearer(DemoData.CONSUMER, "registration", "calm-officer", Roles.CONSUMER_OFFICER);
    assertThat(lookup(colleague, citizen).statusCode()).isEqualTo(200);
  }

  @Test
  void aClearIdSearchFindsEntriesOfEveryPseudonymKeyVersion() throws Exception {
    TestTokens tokens = new TestTokens(issuer);
    String citizen = registry.sampleCitizenIds(3).get(2);
    String before = tokens.bearer(DemoData.CONSUMER, "registration", "rotation-officer-1", Roles.CONSUMER_OFFICER);
    String after = tokens.bearer(DemoData.CONSUMER, "registration", "rotation-officer-2", Roles.CONSUMER_OFFICER);
    String first = JSON.readTree(lookup(before, citizen).body()).get("ledgerEntryId").asString();

    HttpResponse<String> rotated = send("POST", "/api/v1/security/pseudonym-keys/rotate", tokens.operator(), null);
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    assertThat(JSON.readTree(rotated.body()).get("versions").size()).isGreaterThanOrEqualTo(2);
    String second = JSON.readTree(lookup(after, citizen).body()).get("ledgerEntryId").asString();

    String p1 = pseudonymOf(first, tokens);
    String p2 = pseudonymOf(second, tokens);
    assertThat(p1).isNotEqualTo(p2).hasSize(64);

    List<String> found = new ArrayList<>();
    long deadline = System.nanoTime() + 20_000_000_000L;
    do {
      Thread.sleep(200);
      found.clear();
      JsonNode result = JSON.readTree(send("POST", "/api/v1/ledger/search", tokens.committee(),
          Map.of("subjectId", citizen)).body());
      result.get("entries").forEach(e -> found.add(e.get("id").asString()));
    } while (found.size() < 2 && System.nanoTime() < deadline);
    assertThat(found).contains(first, second);
  }

  private String pseudonymOf(String entryId, TestTokens tokens) {
    return JSON.readTree(send("GET", "/api/v1/ledger/" + entryId, tokens.auditor(), null).body())
        .get("exchange").get("subjectPseudonym").asString();
  }

  private HttpResponse<String> lookup(String authorization, String citizen) {
    return send("POST", "/api/v1/exchange/" + DemoData.DATASET + "/lookup", authorization, Map.of("subjectId",
        citizen, "purpose", DemoData.PURPOSE, "caseRef", "RL-1", "cardPresent", true));
  }

  private HttpResponse<String> send(String method, String path, String authorization, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("Authorization", authorization)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
