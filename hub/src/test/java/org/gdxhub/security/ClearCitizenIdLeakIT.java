package org.gdxhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.testsupport.KafkaServer;
import org.gdxhub.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * No clear citizen ID leaves the system of record's answer to the officer: served, denied,
 * malformed and failed lookups and a committee search by clear ID run on a hub that publishes
 * its ledger to a real Kafka broker and indexes it in Lucene; then the test scans the error
 * responses, the ledger search index (its API and its files on disk), every Kafka message and
 * the log output for the IDs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ClearCitizenIdLeakIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String TOPIC = "gdx.ledger.leak-" + UUID.randomUUID();
  static Path dataDir;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws IOException {
    dataDir = Files.createTempDirectory("gdx-hub-leak-");
    p.add("hub.data-dir", dataDir::toString);
    p.add("hub.ledger.relay.publisher", () -> "kafka");
    p.add("hub.ledger.relay.interval", () -> "100ms");
    p.add("hub.ledger.kafka.bootstrap-servers", () -> KafkaServer.shared().bootstrapServers());
    p.add("hub.ledger.kafka.topic", () -> TOPIC);
    p.add("hub.ledger.kafka.topic-partitions", () -> "1");
    p.add("hub.ledger.kafka.consumer.enabled", () -> "true");
    p.add("hub.ledger.kafka.consumer.group-id", () -> "gdx-leak-" + UUID.randomUUID());
    p.add("hub.ledger.search.follow-interval", () -> "200ms");
    p.add("logging.level.org.apache.kafka", () -> "WARN");
    p.add("logging.level.kafka", () -> "WARN");
  }

  @LocalServerPort
  int port;
  @Autowired
  TokenIssuer issuer;
  @Autowired
  PopulationRegistry registry;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void noClearCitizenIdReachesErrorsTheIndexKafkaOrTheLogs(CapturedOutput output) throws Exception {
    int logStart = output.getAll().length();
    TestTokens tokens = new TestTokens(issuer);
    String officer = tokens.bearer(DemoData.CONSUMER, "registration", "officer-leak", Roles.CONSUMER_OFFICER);
    List<String> citizens = registry.sampleCitizenIds(40).subList(35, 40);
    String served = citizens.get(0);
    String deniedId = citizens.get(1);
    String malformed = citizens.get(2);
    String unknown = SubjectId.withCheckDigit("999999999999");
    String wrongCheckDigit = served.substring(0, 12) + ((served.charAt(12) - '0' + 1) % 10);
    List<String> secrets = List.of(served, deniedId, malformed, unknown, wrongCheckDigit);

    List<HttpResponse<String>> errors = new ArrayList<>();
    assertThat(lookup(officer, body(served, DemoData.PURPOSE)).statusCode()).isEqualTo(200);
    errors.add(lookup(officer, body(deniedId, "debt-collection")));
    errors.add(lookup(officer, body(unknown, DemoData.PURPOSE)));
    errors.add(lookup(officer, body(wrongCheckDigit, DemoData.PURPOSE)));
    errors.add(lookup(officer, "{\"subjectId\":" + malformed + "x, \"purpose\":\"p\"}"));
    errors.add(lookup(officer, "{\"subjectId\":\"" + malformed + "\", \"cardPresent\":\"" + malformed + "\"}"));
    errors.add(send("POST", "/api/v1/ledger/search", tokens.bearer(DemoData.CONSUMER, "registration", "o",
        Roles.UNIT_HEAD), JSON.writeValueAsString(Map.of("subjectId", deniedId))));
    errors.add(send("POST", "/api/v1/ledger/search", tokens.committee(), "{\"subjectId\":\"" + wrongCheckDigit + "\"}"));
    for (HttpResponse<String> error : errors) {
      assertThat(error.statusCode()).as(error.body()).isBetween(400, 499);
      assertNoneOf(secrets, error.body(), "error response " + error.statusCode());
    }
    HttpResponse<String> committeeSearch = send("POST", "/api/v1/ledger/search", tokens.committee(),
        JSON.writeValueAsString(Map.of("subjectId", served)));
    assertThat(committeeSearch.statusCode()).isEqualTo(200);

    // Kafka: every ledger message of this hub's topic (served, denied, not found, invalid ID; the
    // unreadable bodies never reached the pipeline).
    List<String> messages = kafkaMessages(4);
    assertThat(messages).hasSizeGreaterThanOrEqualTo(4);
    for (String message : messages) {
      assertNoneOf(secrets, message, "Kafka message");
    }
    // The search index: what its API returns, and the bytes of its files.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String indexed;
    do {
      Thread.sleep(200);
      indexed = send("GET", "/api/v1/ledger/search?limit=1000", tokens.committee(), null).body();
    } while (JSON.readTree(indexed).get("total").asLong() < 4 && System.nanoTime() < deadline);
    assertThat(JSON.readTree(indexed).get("total").asLong()).isGreaterThanOrEqualTo(4);
    assertNoneOf(secrets, indexed, "ledger index search");
    assertNoneOf(secrets, committeeSearch.body(), "committee search result");
    try (Stream<Path> files = Files.walk(dataDir.resolve("ledger-index"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertNoneOf(secrets, new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1),
            "index file " + file.getFileName());
      }
    }
    // The logs written while all this happened.
    assertNoneOf(secrets, output.getAll().substring(logStart), "log output");
  }

  private static void assertNoneOf(List<String> secrets, String text, String where) {
    for (String secret : secrets) {
      assertThat(text).as("%s must not contain a clear citizen ID", where).doesNotContain(secret);
    }
  }

  private List<String> kafkaMessages(int atLeast) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "leak-scan-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> messages = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, String>(props)) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (messages.size() < atLeast && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          messages.add(record.key() + " " + record.value());
        }
      }
    }
    return messages;
  }

  private static String body(String subject, String purpose) {
    return JSON.writeValueAsString(Map.of("subjectId", subject, "purpose", purpose, "caseRef", "LEAK-1",
        "cardPresent", true));
  }

  private HttpResponse<String> lookup(String authorization, String json) {
    return send("POST", "/api/v1/exchange/" + DemoData.DATASET + "/lookup", authorization, json);
  }

  private HttpResponse<String> send(String method, String path, String authorization, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("Authorization", authorization)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
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
