package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.ledger.internal.LedgerExportVerifier;
import org.gdxhub.security.Signatures;
import org.gdxhub.testsupport.TestTokens;
import org.gdxhub.testsupport.KafkaServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running hub with its production ledger pipeline: lookups over HTTP, entries relayed from
 * the outbox to a real Kafka broker, consumed and indexed, checkpoints signed in the background,
 * and the auditor's API (verify, certificate, export) checked by the offline verifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KafkaLedgerPipelineIT.Index.class)
class KafkaLedgerPipelineIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TestConfiguration
  static class Index {
    @Bean
    RecordingLedgerIndex recordingLedgerIndex() {
      return new RecordingLedgerIndex();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-kafka-it-").toString();
    p.add("hub.data-dir", () -> dataDir);
    p.add("hub.ledger.relay.publisher", () -> "kafka");
    p.add("hub.ledger.relay.interval", () -> "100ms");
    p.add("hub.ledger.kafka.bootstrap-servers", () -> KafkaServer.shared().bootstrapServers());
    p.add("hub.ledger.kafka.topic", () -> "gdx.ledger.it-" + UUID.randomUUID());
    p.add("hub.ledger.kafka.topic-partitions", () -> "3");
    p.add("hub.ledger.kafka.delivery-timeout", () -> "30s");
    p.add("hub.ledger.kafka.consumer.enabled", () -> "true");
    p.add("hub.ledger.kafka.consumer.group-id", () -> "gdx-it-" + UUID.randomUUID());
    p.add("hub.ledger.checkpoint.every-entries", () -> "10");
    p.add("logging.level.org.apache.kafka", () -> "WARN");
    p.add("logging.level.kafka", () -> "WARN");
  }

  @LocalServerPort
  int port;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  RecordingLedgerIndex index;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  org.gdxhub.security.TokenIssuer issuer;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void lookupsFlowThroughKafkaIntoTheIndexAndAnAuditorCanVerifyThemOffline() throws Exception {
    List<String> citizens = registry.sampleCitizenIds(10);
    for (int i = 0; i < 30; i++) {
      String purpose = i % 5 == 0 ? "debt-collection" : DemoData.PURPOSE; // some denials too
      int status = lookup(citizens.get(i % citizens.size()), purpose).statusCode();
      assertThat(status).isIn(200, 403);
    }
    long entries = jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
    assertThat(entries).isGreaterThanOrEqualTo(30);

    assertThat(LedgerTestSupport.await(Duration.ofSeconds(60), () -> index.count() == entries)).as("indexed").isTrue();
    assertThat(index.deliveries().keySet()).containsExactlyInAnyOrderElementsOf(LedgerTestSupport.ledgerIds(jdbc));
    assertThat(LedgerTestSupport.unsent(jdbc)).isZero();
    assertThat(LedgerTestSupport.await(Duration.ofSeconds(30),
        () -> get("/api/v1/ledger/checkpoints").size() >= entries / 10)).as("checkpoints signed").isTrue();

    JsonNode verification = get("/api/v1/ledger/verify");
    assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    assertThat(verification.get("checkpointsChecked").asLong()).isGreaterThanOrEqualTo(entries / 10);

    assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ledger/checkpoints")).header("Authorization", auditor()).POST(HttpRequest.BodyPublishers.noBody()))
        .statusCode()).isIn(200, 204);
    String pem = send(HttpRequest.newBuilder(uri("/api/v1/ledger/certificate")).header("Authorization", auditor()).GET()).body();
    HttpResponse<String> export = send(HttpRequest.newBuilder(uri("/api/v1/ledger/export")).header("Authorization", auditor()).GET());
    assertThat(export.headers().firstValue("Content-Type")).get().asString().startsWith("application/x-ndjson");

    LedgerExportVerifier.Result offline = LedgerExportVerifier.verify(
        new ByteArrayInputStream(export.body().getBytes()), Signatures.fromPem(pem));
    assertThat(offline.verification().valid()).as("%s", offline.verification().firstBroken()).isTrue();
    assertThat(offline.verification().entriesChecked()).isEqualTo(entries);
    assertThat(offline.verification().unsignedEntries()).isZero();
  }

  private HttpResponse<String> lookup(String citizen, String purpose) {
    String body = JSON.writeValueAsString(Map.of("subjectId", citizen, "purpose", purpose, "cardPresent", true));
    return send(HttpRequest.newBuilder(uri("/api/v1/exchange/" + DemoData.DATASET + "/lookup"))
        .header("Content-Type", "application/json")
        .header("Authorization", new TestTokens(issuer).bearer(DemoData.CONSUMER, "registration", "officer-001",
            "consumer_officer"))
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonNode get(String path) {
    return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).header("Authorization", auditor()).GET()).body());
  }

  private String auditor() {
    return new TestTokens(issuer).auditor();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
