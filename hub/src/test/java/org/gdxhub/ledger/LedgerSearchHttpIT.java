package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.security.TokenIssuer;
import org.gdxhub.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committee's search, statistics and anomalies and the operator's reindex over HTTP on a
 * running hub with its embedded defaults (H2 file database, Lucene index), fed by real lookups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerSearchHttpIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static Path dataDir;

  @LocalServerPort
  int port;
  @Autowired
  TokenIssuer issuer;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  LedgerIndex index;

  final HttpClient http = HttpClient.newHttpClient();
  String citizen;
  String other;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    dataDir = Files.createTempDirectory("gdx-ledger-search-it-");
    properties.add("hub.data-dir", dataDir::toString);
    properties.add("hub.ledger.search.follow-interval", () -> "0s");
  }

  @BeforeAll
  void lookUpAndReindex() throws Exception {
    List<String> ids = registry.sampleCitizenIds(2);
    citizen = ids.get(0);
    other = ids.get(1);
    assertThat(lookup(citizen, DemoData.PURPOSE, "BR-2569-0101").status()).isEqualTo(200);
    assertThat(lookup(citizen, DemoData.PURPOSE, "BR-2569-0102").status()).isEqualTo(200);
    assertThat(lookup(other, "marketing", "MK-1").status()).isEqualTo(403);
    // Nothing feeds the index yet (follow is off here): the operator rebuilds it.
    assertThat(send("POST", "/api/v1/ledger/index/reindex?fresh=true", as("consumer_officer"), null).status()).isEqualTo(403);
    Response started = send("POST", "/api/v1/ledger/index/reindex?fresh=true",
        as("operator"), null);
    assertThat(started.status()).as(started.raw()).isEqualTo(202);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode status;
    do {
      Thread.sleep(100);
      status = get("/api/v1/ledger/index/reindex").body();
    } while (!status.get("state").asString().equals("completed") && System.nanoTime() < deadline);
    assertThat(status.get("state").asString()).isEqualTo("completed");
    assertThat(status.get("indexed").asLong()).isEqualTo(3);
    assertThat(status.get("total").asLong()).isEqualTo(3);
  }

  @Test
  void searchesTheIndexByFiltersAndFullText() {
    JsonNode denied = get("/api/v1/ledger/search?agency=" + DemoData.CONSUMER + "&decision=deny").body();
    assertThat(denied.get("backend").asString()).isEqualTo(index.name());
    assertThat(denied.get("total").asLong()).isEqualTo(1);
    assertThat(denied.get("entries").get(0).get("exchange").get("purpose").asString()).isEqualTo("marketing");

    JsonNode byCase = get("/api/v1/ledger/search?q=BR-2569-0102").body();
    assertThat(byCase.get("total").asLong()).isEqualTo(1);
    JsonNode page = get("/api/v1/ledger/search?dataset=" + DemoData.DATASET + "&limit=2&offset=0").body();
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("entries")).hasSize(2);
    assertThat(page.get("entries").get(0).get("seq").asLong()).isEqualTo(3);

    assertThat(get("/api/v1/ledger/search?limit=5000").status()).isEqualTo(400);
    assertThat(get("/api/v1/ledger/search?from=yesterday").status()).isEqualTo(400);
  }

  @Test
  void aCommitteeMemberSearchesByClearCitizenIdWhichIsNeverStored() {
    Map<String, Object> body = Map.of("subjectId", citizen);
    Response anonymous = send("POST", "/api/v1/ledger/search", as("consumer_officer"), body);
    assertThat(anonymous.status()).isEqualTo(403);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(anonymous.body().get("code").asString()).isEqualTo("role_required");

    Response committee = send("POST", "/api/v1/ledger/search", as("committee"), body);
    assertThat(committee.status()).as(committee.raw()).isEqualTo(200);
    assertThat(committee.body().get("total").asLong()).isEqualTo(2);
    assertThat(committee.raw()).doesNotContain(citizen);
    String pseudonym = committee.body().get("entries").get(0).get("exchange").get("subjectPseudonym").asString();
    assertThat(pseudonym).hasSize(64);
    // The pseudonym alone is searchable by anyone who has it, by GET.
    assertThat(get("/api/v1/ledger/search?subject=" + pseudonym).body().get("total").asLong()).isEqualTo(2);

    Response invalid = send("POST", "/api/v1/ledger/search", as("committee"),
        Map.of("subjectId", "1234567890123"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().get("code").asString()).isEqualTo("invalid_subject_id");
  }

  @Test
  void reportsStatisticsAsJsonAndCsv() {
    JsonNode stats = get("/api/v1/ledger/statistics").body();
    assertThat(stats.get("totals").get("lookups").asLong()).isEqualTo(3);
    assertThat(stats.get("totals").get("denied").asLong()).isEqualTo(1);
    assertThat(stats.get("perUnit").get(0).get("agency").asString()).isEqualTo(DemoData.CONSUMER);
    assertThat(stats.get("perUnit").get(0).get("officers").asLong()).isEqualTo(1);

    Response csv = get("/api/v1/ledger/statistics/units.csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.raw()).isEqualTo("agency,unit,lookups,monthly_average,officers\r\n"
        + DemoData.CONSUMER + ",registration,3,3.00,1\r\n");
    assertThat(get("/api/v1/ledger/statistics/nothing.csv").status()).isEqualTo(404);
  }

  @Test
  void listsAnomaliesForTheCommitteeOnly() {
    assertThat(send("GET", "/api/v1/ledger/anomalies", as("consumer_officer"), null).status()).isEqualTo(403);
    Response r = send("GET", "/api/v1/ledger/anomalies", as("committee"), null);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    assertThat(r.body().get("anomalies").isArray()).isTrue();
  }

  @Test
  void theVerifyAndEntryEndpointsAndHealthStillWork() {
    assertThat(get("/api/v1/ledger/verify").body().get("valid").asBoolean()).isTrue();
    String id = get("/api/v1/ledger/search?limit=1").body().get("entries").get(0).get("id").asString();
    assertThat(get("/api/v1/ledger/" + id).body().get("id").asString()).isEqualTo(id);
    JsonNode indexStatus = get("/api/v1/ledger/index").body();
    assertThat(indexStatus.get("entries").asLong()).isEqualTo(3);
    assertThat(indexStatus.get("reindexCheckpoint").asLong()).isEqualTo(3);
    JsonNode health = get("/actuator/health").body();
    // The index's own health component; the overall status also depends on Camel's route checks.
    assertThat(health.get("components").get("ledgerIndex").get("status").asString()).as("%s", health)
        .isEqualTo("UP");
    assertThat(index.count()).isEqualTo(3);
  }

  // --- helpers ------------------------------------------------------------------------------

  record Response(int status, String contentType, JsonNode body, String raw) {}

  Response lookup(String subject, String purpose, String caseRef) {
    return send("POST", "/api/v1/exchange/" + DemoData.DATASET + "/lookup", as("consumer_officer"),
        Map.of("subjectId", subject, "purpose", purpose, "caseRef", caseRef, "cardPresent", true));
  }

  Response get(String path) {
    return send("GET", path, as("committee"), null);
  }

  /** The Authorization header of a demo person holding the role (tokens from the hub's local issuer). */
  Map<String, String> as(String role) {
    TestTokens tokens = new TestTokens(issuer);
    return switch (role) {
      case "consumer_officer" -> tokens.headers(DemoData.CONSUMER, "registration", "officer-001", role);
      case "operator" -> Map.of("Authorization", tokens.operator());
      case "committee" -> Map.of("Authorization", tokens.committee());
      default -> throw new IllegalArgumentException(role);
    };
  }

  Response send(String method, String path, Map<String, String> headers, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(request::header);
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String raw = r.body();
      JsonNode json = raw.isBlank() || !raw.trim().startsWith("{") && !raw.trim().startsWith("[")
          ? JSON.createObjectNode() : JSON.readTree(raw);
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json, raw);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
