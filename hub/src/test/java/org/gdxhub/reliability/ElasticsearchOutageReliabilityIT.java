package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.gdxhub.testsupport.ElasticsearchServer;
import org.gdxhub.testsupport.KafkaServer;
import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault: the Elasticsearch node stopped under steady load (issue #10), on the production
 * pipeline: outbox relay to a real Kafka broker, the hub's Kafka consumer indexing into a real
 * Elasticsearch 8.19 (its own node, so that it can be stopped). Lookups go on (the ledger is
 * the system of record); the consumer's bulk requests fail and it retries the same records,
 * committing no offset past them, so the group's committed offsets stand still while the topic
 * grows; once the node is back the index catches up to exactly the ledger's count and the
 * chain verifies. The index is fed only through Kafka (the follow step is off).
 */
@Tag("reliability-matrix")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ElasticsearchOutageReliabilityIT {

  static final ElasticsearchServer elasticsearch = ElasticsearchServer.startNew();
  static final String TOPIC = "gdx.ledger.rel-es-" + UUID.randomUUID();
  static final String GROUP = "gdx-rel-es-" + UUID.randomUUID();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    Scenarios.kafkaRelayedHub(p, "es", () -> KafkaServer.shared().bootstrapServers(), TOPIC, GROUP);
    p.add("hub.ledger.search.backend", () -> "elasticsearch");
    p.add("hub.ledger.search.elasticsearch.url", elasticsearch::url);
    p.add("hub.ledger.search.elasticsearch.index", () -> "gdx-rel-es-" + UUID.randomUUID().toString().substring(0, 8));
    p.add("hub.ledger.search.elasticsearch.replicas", () -> "0");
    p.add("hub.ledger.search.follow-interval", () -> "0s");
    p.add("logging.level.org.apache.kafka", () -> "ERROR");
    p.add("logging.level.kafka", () -> "ERROR");
  }

  @LocalServerPort
  int port;

  @Test
  void lookupsContinueWhileElasticsearchIsDownAndTheConsumerRetriesUntilTheIndexHasEveryEntry() throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(10));
    HubProbe probe = HubProbe.signIn(port);
    URI hub = probe.base();

    try (LoadDriver load = Scenarios.civilRecordLoad(hub, probe.token("officer"));
        Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaServer.shared().bootstrapServers()))) {
      load.start();
      Scenarios.awaitServed(load, 30, Duration.ofSeconds(60));
      Scenarios.awaitIndexed(probe, 30, Duration.ofSeconds(60));
      elasticsearch.stop();
      LoadDriver.Counts before = load.counts();
      Thread.sleep(2_000); // a batch indexed just before the stop may still commit its offsets
      long committedAtStart = committed(kafka);
      long endAtStart = endOffsets(kafka);
      String indexHealth = probe.get("/actuator/health", null).path("components").path("ledgerIndex").path("status")
          .asString();
      Thread.sleep(Math.max(0, outage.toMillis() - 2_000));
      long committedAtEnd = committed(kafka);
      long endAtEnd = endOffsets(kafka);
      LoadDriver.Counts during = Scenarios.minus(load.counts(), before);
      elasticsearch.restart();
      Scenarios.awaitServed(load, load.counts().served() + 30, Duration.ofSeconds(60));
      LoadDriver.Counts all = load.stop();

      boolean caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(3));
      long ledger = probe.verify().path("entriesChecked").asLong();
      long committedAfter = awaitCommittedToEnd(kafka, Duration.ofSeconds(30));
      ReliabilityReport.record(new ReliabilityReport.Row("Elasticsearch stopped (Kafka consumer indexing)", outage,
          all, ledger, probe.indexEntries(), probe.chainStatus(), "served during the outage: " + during.served()
              + "; ledgerIndex health during: " + indexHealth + "; consumer group's committed offsets during the "
              + "outage " + committedAtStart + " → " + committedAtEnd + " while the topic grew " + endAtStart + " → "
              + endAtEnd + "; committed after: " + committedAfter));
      assertThat(during.served()).as("lookups continue while Elasticsearch is down").isPositive();
      assertThat(during.errors()).isZero();
      assertThat(indexHealth).as("ledgerIndex health while Elasticsearch is down").isEqualTo("DOWN");
      assertThat(endAtEnd).as("entries keep reaching Kafka").isGreaterThan(endAtStart);
      assertThat(committedAtEnd).as("no offset committed past records that could not be indexed")
          .isEqualTo(committedAtStart);
      assertThat(Scenarios.missingEntries(probe, all)).isEmpty();
      assertThat(caughtUp).as("outbox %d, index %d, ledger %d", probe.outboxUnsent(), probe.indexEntries(), ledger)
          .isTrue();
      assertThat(committedAfter).as("the consumer has committed everything the topic holds").isEqualTo(endOffsets(kafka));
      assertThat(probe.verify().path("valid").asBoolean()).isTrue();
    }
  }

  /** Waits until the group has committed the whole topic (it commits after indexing); returns the committed sum. */
  private static long awaitCommittedToEnd(Admin kafka, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long committed = committed(kafka);
    while (committed != endOffsets(kafka) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      committed = committed(kafka);
    }
    return committed;
  }

  /** The sum of the consumer group's committed offsets on the ledger topic. */
  private static long committed(Admin kafka) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = kafka.listConsumerGroupOffsets(GROUP)
        .partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(TOPIC) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /** The sum of the ledger topic's end offsets (records written so far). */
  private static long endOffsets(Admin kafka) throws Exception {
    var partitions = kafka.describeTopics(java.util.List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
        .stream().collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
    return kafka.listOffsets(partitions).all().get().values().stream().mapToLong(i -> i.offset()).sum();
  }
}
