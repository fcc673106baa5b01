package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gdxhub.demo.DemoData;
import org.gdxhub.security.Roles;
import org.gdxhub.security.TokenIssuer;
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
 * Every administrative change made over the API lands in the ledger's admin stream with its
 * actor, target and before/after digests, in order; a refused change leaves no event; the
 * stream's hash chain verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminAuditIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-admin-audit-").toString();
    properties.add("hub.data-dir", () -> dataDir);
  }

  @LocalServerPort
  int port;
  @Autowired
  TokenIssuer issuer;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void catalogAgreementAndKeyChangesAreAuditedInOrderAndTheStreamVerifies() {
    TestTokens tokens = new TestTokens(issuer);
    String steward = tokens.bearer(DemoData.OWNER, "registration-bureau", "steward-007", Roles.OWNER_STEWARD);
    String officer = tokens.bearer(DemoData.CONSUMER, "registration", "officer-007", Roles.CONSUMER_OFFICER);
    long before = count(tokens.auditor());

    String dataset = "audited-dataset";
    ok(send("POST", "/api/v1/datasets", steward, Map.of("id", dataset, "titleTh", "ชุดข้อมูล", "titleEn", "Dataset",
        "classification", "personal", "legalBasis", "Act", "connector", DemoData.CONNECTOR, "fields",
        List.of(Map.of("name", "citizen_id", "labelTh", "เลข", "labelEn", "Citizen ID", "personal", true)))));
    ok(send("POST", "/api/v1/datasets/" + dataset + "/publish", steward, null));
    String rejectedRequest = ok(send("POST", "/api/v1/access-requests", officer, Map.of("datasetId", dataset,
        "purpose", "welfare-registration", "legalBasis", "Act", "fields", List.of("citizen_id")))).get("id").asString();
    ok(send("POST", "/api/v1/access-requests/" + rejectedRequest + "/reject", steward, Map.of("reason", "no case")));
    String request = ok(send("POST", "/api/v1/access-requests", officer, Map.of("datasetId", dataset, "purpose",
        "welfare-registration", "legalBasis", "Act", "fields", List.of("citizen_id")))).get("id").asString();
    String agreement = ok(send("POST", "/api/v1/access-requests/" + request + "/approve", steward, Map.of(
        "validFrom", LocalDate.now().minusDays(1).toString(), "validUntil", LocalDate.now().plusDays(30).toString())))
        .get("id").asString();
    ok(send("POST", "/api/v1/agreements/" + agreement + "/amend?version=1", steward, Map.of("dailyQuota", 50)));
    ok(send("POST", "/api/v1/datasets/" + dataset + "/retire", steward, null));
    // Refused: already retired. The transaction rolls back, and with it the audit event.
    assertThat(send("POST", "/api/v1/datasets/" + dataset + "/retire", steward, null).statusCode()).isEqualTo(409);
    ok(send("POST", "/api/v1/security/pseudonym-keys/rotate", tokens.operator(), null));

    JsonNode events = ok(send("GET", "/api/v1/ledger/admin-audit?limit=" + (count(tokens.auditor()) - before),
        tokens.auditor(), null));
    List<String> actions = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) { // newest first
      actions.add(events.get(i).get("action").asString());
    }
    assertThat(actions).containsExactly("dataset.registered", "dataset.published", "access_request.submitted",
        "access_request.rejected", "access_request.submitted", "agreement.approved", "agreement.amended",
        "dataset.retired", "pseudonym_key.rotated");

    JsonNode registered = events.get(events.size() - 1);
    assertThat(registered.get("actor").asString()).isEqualTo(DemoData.OWNER + "/registration-bureau/steward-007");
    assertThat(registered.get("target").asString()).isEqualTo(dataset);
    assertThat(registered.hasNonNull("beforeDigest")).isFalse();
    assertThat(registered.get("afterDigest").asString()).matches("[0-9a-f]{64}");
    JsonNode published = events.get(events.size() - 2);
    assertThat(published.get("beforeDigest").asString()).matches("[0-9a-f]{64}")
        .isNotEqualTo(published.get("afterDigest").asString());
    JsonNode submitted = events.get(events.size() - 3);
    assertThat(submitted.get("actor").asString()).isEqualTo(DemoData.CONSUMER + "/registration/officer-007");
    assertThat(submitted.get("target").asString()).isEqualTo(rejectedRequest);

    JsonNode verification = ok(send("GET", "/api/v1/ledger/admin-audit/verify", tokens.auditor(), null));
    assertThat(verification.get("valid").asBoolean()).isTrue();
  }

  long count(String auditor) {
    return ok(send("GET", "/api/v1/ledger/admin-audit/verify", auditor, null)).get("events").asLong();
  }

  static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  HttpResponse<String> send(String method, String path, String authorization, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", authorization).header("Content-Type", "application/json")
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
