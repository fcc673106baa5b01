package org.gdxhub.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerQuery;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.security.SubjectPseudonymizer;
import org.gdxhub.testsupport.KafkaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The governed subscription, end to end on the running hub with a real Kafka broker (KRaft,
 * in this JVM) and the HTTP API: two district offices subscribe to the civil-registration
 * events of the same citizen; the registrar records the citizen's death; the demo registry
 * publishes it to its Kafka topic; route {@code population-registry.change-events} consumes it;
 * the office with an agreement finds the death in its feed, the office without one finds
 * nothing; both decisions are in the ledger (pseudonym only), and the citizen's ID appears in
 * no log line. A redelivered event is delivered once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
// Closed after the class, while the shared broker still runs: its consumer leaves the group cleanly.
@DirtiesContext
class GovernedSubscriptionIT {

  static final String TOPIC = "population-registry.changes-" + UUID.randomUUID();
  static final String OTHER_AGENCY = "samphanthawong-district-office";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-subscription-it-").toString();
    KafkaServer kafka = KafkaServer.shared();
    kafka.createTopic(TOPIC, 1); // one partition: the events of this test keep their order
    p.add("hub.data-dir", () -> dataDir);
    p.add("hub.connectors.change-events.transport", () -> "kafka");
    p.add("hub.connectors.change-events.kafka.bootstrap-servers", kafka::bootstrapServers);
    p.add("hub.connectors.change-events.kafka.group-id", () -> "gdx-hub-it-" + UUID.randomUUID());
    p.add("hub.connectors.change-events.streams.population-registry.topic", () -> TOPIC);
    p.add("hub.connectors.demo.population-registry.publish-interval", () -> "100ms");
    p.add("logging.level.org.apache.kafka", () -> "WARN");
    p.add("logging.level.kafka", () -> "WARN");
  }

  @LocalServerPort
  int port;
  @Autowired
  org.gdxhub.security.TokenIssuer tokenIssuer;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  LedgerService ledger;
  @Autowired
  SubjectPseudonymizer pseudonymizer;
  @Autowired
  MeterRegistry meters;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void anotherDistrictOfficeWithoutAnAgreement() {
    Map<String, Object> agency = Map.of("code", OTHER_AGENCY, "nameTh", "สำนักงานเขตสัมพันธวงศ์",
        "nameEn", "Samphanthawong District Office", "ministry", "Bangkok Metropolitan Administration",
        "units", List.of(Map.of("code", "registration", "nameTh", "ฝ่ายทะเบียน", "nameEn", "Registration Section")));
    int status = send("POST", "/api/v1/agencies", new org.gdxhub.testsupport.TestTokens(tokenIssuer).headers(
        "gdx-hub", "operations", "operator-001", org.gdxhub.security.Roles.OPERATOR), agency).statusCode();
    assertThat(status).isIn(200, 201, 409);
  }

  @Test
  void anAgencyWithAnAgreementReceivesTheDeathAndOneWithoutReceivesNothingBothLedgered(CapturedOutput output) {
    String citizen = registry.sampleLivingCitizenIds(50).get(49);
    String mine = subscribe(DemoData.CONSUMER, citizen);
    String theirs = subscribe(OTHER_AGENCY, citizen);

    String eventId = registry.recordDeath(citizen, LocalDate.of(2026, 11, 20));

    assertThat(await(() -> events(DemoData.CONSUMER, mine).size() == 1)).as("delivered").isTrue();
    JsonNode event = events(DemoData.CONSUMER, mine).getFirst();
    assertThat(event.get("eventId").asString()).isEqualTo(eventId);
    assertThat(event.get("eventType").asString()).isEqualTo("death_recorded");
    JsonNode record = event.get("record");
    assertThat(record.get("citizen_id").asString()).isEqualTo(citizen);
    assertThat(record.get("date_of_death").asString()).isEqualTo("2026-11-20");
    assertThat(names(record)).containsExactly("event_id", "event_type", "citizen_id", "occurred_on", "date_of_death");

    assertThat(await(() -> subscription(OTHER_AGENCY, theirs).get("denied").asLong() == 1)).as("denied").isTrue();
    assertThat(events(OTHER_AGENCY, theirs)).isEmpty();
    assertThat(subscription(DemoData.CONSUMER, mine).get("delivered").asLong()).isEqualTo(1);

    List<LedgerEntry> entries = ledgered(citizen);
    assertThat(entries).extracting(e -> e.exchange().agency() + ":" + e.exchange().outcome())
        .containsExactlyInAnyOrder(DemoData.CONSUMER + ":delivered", OTHER_AGENCY + ":not_delivered");
    ExchangeRecord denied = entries.stream().map(LedgerEntry::exchange)
        .filter(e -> e.agency().equals(OTHER_AGENCY)).findFirst().orElseThrow();
    assertThat(denied.decision()).isEqualTo(ExchangeRecord.Decision.DENY);
    assertThat(denied.reasons()).extracting(r -> r.code()).contains("no_agreement");
    assertThat(event.get("ledgerEntryId").asString()).isIn(entries.stream().map(LedgerEntry::id).toList());

    // The event really travelled over the registry's Kafka topic, keyed by citizen.
    ConsumerRecord<String, String> onTopic = topic().stream().filter(r -> r.value().contains(eventId))
        .findFirst().orElseThrow();
    assertThat(onTopic.key()).isEqualTo(citizen);
    // The committee's ledger API shows both decisions, with the pseudonym only.
    String ledgerJson = send("GET", "/api/v1/ledger?dataset=" + DemoData.EVENTS_DATASET + "&limit=1000", committee(), null)
        .body();
    assertThat(ledgerJson).contains(pseudonymizer.pseudonym("citizen_id", citizen)).doesNotContain(citizen);
    assertThat(JSON.readTree(send("GET", "/api/v1/ledger/verify", committee(), null).body()).get("valid").asBoolean())
        .isTrue();
    // Nothing the hub logged names the citizen (only the office's own feed carries the ID).
    assertThat(output.getAll()).contains(eventId).doesNotContain(citizen);
    // Another office cannot read the first office's feed.
    assertThat(send("GET", "/api/v1/subscriptions/" + mine + "/events", headers(OTHER_AGENCY), null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void theSameEventPublishedTwiceIsDeliveredOnce() {
    String citizen = registry.sampleLivingCitizenIds(50).get(48);
    String mine = subscribe(DemoData.CONSUMER, citizen);
    String eventId = registry.recordMove(citizen, null, LocalDate.of(2026, 11, 21));
    assertThat(await(() -> events(DemoData.CONSUMER, mine).size() == 1)).as("delivered").isTrue();
    double duplicatesBefore = duplicates();

    // At least once: the registry's event arrives again (e.g. republished after a crash).
    String value = topic().stream().filter(r -> r.value().contains(eventId)).findFirst().orElseThrow().value();
    publish(citizen, value);

    assertThat(await(() -> duplicates() > duplicatesBefore)).as("the redelivery was seen").isTrue();
    List<JsonNode> feed = events(DemoData.CONSUMER, mine);
    assertThat(feed).hasSize(1);
    assertThat(names(feed.getFirst().get("record"))).containsExactly("event_id", "event_type", "citizen_id",
        "occurred_on", "to_address");
    assertThat(ledgered(citizen)).hasSize(1);
  }

  @Test
  void theSubscriptionApiAnswersWithStableCodes() {
    String citizen = registry.sampleLivingCitizenIds(50).get(47);
    HttpResponse<String> badId = send("POST", "/api/v1/subscriptions", headers(DemoData.CONSUMER),
        body(List.of(citizen, "1005662330475")));
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badId.body()).contains("invalid_subject_id").doesNotContain("1005662330475").doesNotContain(citizen);
    HttpResponse<String> notEvents = send("POST", "/api/v1/subscriptions", headers(DemoData.CONSUMER),
        Map.of("datasetId", DemoData.DATASET, "purpose", DemoData.PURPOSE, "subjectIds", List.of(citizen)));
    assertThat(notEvents.statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/v1/subscriptions", Map.of(), body(List.of(citizen))).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/v1/subscriptions/nope", headers(DemoData.CONSUMER), null).body())
        .contains("unknown_subscription");

    // An event dataset is subscribed to, not looked up: the lookup is ledgered and fails cleanly.
    HttpResponse<String> lookup = send("POST", "/api/v1/exchange/" + DemoData.EVENTS_DATASET + "/lookup",
        headers(DemoData.CONSUMER), Map.of("subjectId", citizen, "purpose", DemoData.PURPOSE, "caseRef", "BR-1",
            "cardPresent", true));
    assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(502);
    assertThat(lookup.body()).contains("source_unavailable", "serves no lookups", "ledgerEntryId");

    String id = subscribe(DemoData.CONSUMER, citizen);
    HttpResponse<String> cancelled = send("POST", "/api/v1/subscriptions/" + id + "/cancel", headers(DemoData.CONSUMER),
        null);
    assertThat(JSON.readTree(cancelled.body()).get("status").asString()).isEqualTo("cancelled");
    assertThat(send("GET", "/api/v1/subscriptions", headers(DemoData.CONSUMER), null).body()).contains(id);
  }

  // --- helpers ------------------------------------------------------------------------------

  private String subscribe(String agency, String citizen) {
    HttpResponse<String> r = send("POST", "/api/v1/subscriptions", headers(agency), body(List.of(citizen)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode created = JSON.readTree(r.body());
    assertThat(created.get("subjects").asLong()).isEqualTo(1);
    assertThat(r.body()).doesNotContain(citizen);
    return created.get("id").asString();
  }

  private static Map<String, Object> body(List<String> subjects) {
    return Map.of("datasetId", DemoData.EVENTS_DATASET, "purpose", DemoData.PURPOSE, "caseRef", "BR-WELFARE-2569-014",
        "subjectIds", subjects);
  }

  private JsonNode subscription(String agency, String id) {
    return JSON.readTree(send("GET", "/api/v1/subscriptions/" + id, headers(agency), null).body());
  }

  private List<JsonNode> events(String agency, String id) {
    HttpResponse<String> r = send("GET", "/api/v1/subscriptions/" + id + "/events?after=0", headers(agency), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    JSON.readTree(r.body()).get("events").forEach(events::add);
    return events;
  }

  private List<LedgerEntry> ledgered(String citizen) {
    String pseudonym = pseudonymizer.pseudonym("citizen_id", citizen);
    return ledger.search(new LedgerQuery(null, null, null, DemoData.EVENTS_DATASET, null, null, null,
            LedgerQuery.MAX_LIMIT, 0)).stream()
        .filter(e -> pseudonym.equals(e.exchange().subjectPseudonym())).toList();
  }

  private double duplicates() {
    var counter = meters.find(EventDeliveryService.METER).tag("outcome", "duplicate").counter();
    return counter == null ? 0 : counter.count();
  }

  private Map<String, String> committee() {
    return new org.gdxhub.testsupport.TestTokens(tokenIssuer).headers("governance-committee", "secretariat",
        "committee-001", org.gdxhub.security.Roles.COMMITTEE);
  }

  private Map<String, String> headers(String agency) {
    return new org.gdxhub.testsupport.TestTokens(tokenIssuer).headers(agency, "registration", "officer-014",
        org.gdxhub.security.Roles.CONSUMER_OFFICER);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }

  private List<ConsumerRecord<String, String>> topic() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        var polled = consumer.poll(Duration.ofMillis(500));
        polled.forEach(records::add);
        if (!records.isEmpty() && polled.isEmpty()) {
          break;
        }
      }
    }
    return records;
  }

  private static void publish(String key, String value) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(String method, String path, Map<String, String> headers, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
