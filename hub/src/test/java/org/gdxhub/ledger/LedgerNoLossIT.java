package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.exchange.ExchangeService;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.ledger.internal.JdbcRelayCursor;
import org.gdxhub.ledger.internal.KafkaLedgerConsumer;
import org.gdxhub.testsupport.ElasticsearchServer;
import org.gdxhub.testsupport.KafkaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nothing lost on the production pipeline: 10,000 lookups through the exchange while the
 * Kafka broker is stopped for part of the run and the Elasticsearch indexer (the Kafka
 * consumer) is restarted; afterwards the index holds exactly the ledger's entries and the
 * chain verifies. Real Kafka (KRaft, in the JVM) and a real Elasticsearch 8.19; the index is
 * fed only through Kafka (the index's own catch-up loop is off).
 */
@SpringBootTest
class LedgerNoLossIT {

  static final int LOOKUPS = 10_000;
  static final KafkaServer kafka = KafkaServer.startNew();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    String dataDir = Files.createTempDirectory("gdx-hub-noloss-").toString();
    p.add("hub.data-dir", () -> dataDir);
    p.add("hub.ledger.relay.publisher", () -> "kafka");
    p.add("hub.ledger.relay.interval", () -> "50ms");
    p.add("hub.ledger.relay.max-backoff", () -> "2s");
    p.add("hub.ledger.kafka.bootstrap-servers", kafka::bootstrapServers);
    p.add("hub.ledger.kafka.topic", () -> "gdx.ledger.noloss-" + UUID.randomUUID());
    p.add("hub.ledger.kafka.topic-partitions", () -> "3");
    p.add("hub.ledger.kafka.delivery-timeout", () -> "10s");
    p.add("hub.ledger.kafka.consumer.enabled", () -> "true");
    p.add("hub.ledger.kafka.consumer.group-id", () -> "gdx-noloss-" + UUID.randomUUID());
    p.add("hub.ledger.search.backend", () -> "elasticsearch");
    p.add("hub.ledger.search.elasticsearch.url", () -> ElasticsearchServer.shared().url());
    p.add("hub.ledger.search.elasticsearch.index", () -> "gdx-noloss-" + UUID.randomUUID().toString().substring(0, 8));
    p.add("hub.ledger.search.follow-interval", () -> "0s");
    p.add("logging.level.org.apache.kafka", () -> "ERROR");
    p.add("logging.level.kafka", () -> "ERROR");
  }

  @AfterAll
  static void stopKafka() {
    kafka.stop();
  }

  @Autowired
  ExchangeService exchange;
  @Autowired
  LedgerService ledger;
  @Autowired
  LedgerAuditService audit;
  @Autowired
  LedgerIndex index;
  @Autowired
  JdbcRelayCursor relayCursor;
  @Autowired
  KafkaLedgerConsumer consumer;
  @Autowired
  PopulationRegistry registry;

  @Test
  void everyEntrySurvivesABrokerOutageAndAnIndexerRestart() throws Exception {
    assertThat(index.name()).isEqualTo("elasticsearch");
    List<String> citizens = registry.sampleCitizenIds(300);
    var officer = new CallerIdentity(DemoData.CONSUMER, "registration", "officer-001", Set.of("consumer_officer"));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    AtomicInteger denied = new AtomicInteger();
    List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    long before = ledger.count();

    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      workers.add(Thread.ofPlatform().start(() -> {
        for (int i = next.getAndIncrement(); i < LOOKUPS; i = next.getAndIncrement()) {
          // One in twenty states a purpose outside the agreement: denied, and ledgered all the same.
          String purpose = i % 20 == 0 ? "debt-collection" : DemoData.PURPOSE;
          try {
            exchange.lookup(officer, DemoData.DATASET, new LookupRequest(citizens.get(i % citizens.size()), null,
                purpose, null, "NL-" + i, true, null, null));
            served.incrementAndGet();
          } catch (HubException e) {
            if (e.errorCode().code().equals("access_denied")) {
              denied.incrementAndGet();
            } else {
              unexpected.add(e);
            }
          } catch (RuntimeException e) {
            unexpected.add(e);
          }
        }
      }));
    }

    awaitProgress(next, 2_000);
    kafka.stop();
    awaitProgress(next, 5_000);
    assertThat(relayCursor.unsentCount()).as("the outbox holds what Kafka could not take").isPositive();
    kafka.restart();
    awaitProgress(next, 7_000);
    consumer.stop();
    awaitProgress(next, 8_500);
    consumer.start();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(unexpected).isEmpty();
    assertThat(served.get() + denied.get()).isEqualTo(LOOKUPS);
    assertThat(denied.get()).isEqualTo(LOOKUPS / 20);
    long ledgered = ledger.count() - before;
    assertThat(ledgered).isEqualTo(LOOKUPS);

    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while ((relayCursor.unsentCount() > 0 || index.count() != ledger.count()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    assertThat(relayCursor.unsentCount()).isZero();
    assertThat(index.count()).as("index count = ledger count").isEqualTo(ledger.count());
    LedgerVerification verification = audit.verify();
    assertThat(verification.valid()).as("%s", verification.firstBroken()).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(ledger.count());
  }

  private static void awaitProgress(AtomicInteger next, int reached) throws InterruptedException {
    while (next.get() < reached) {
      Thread.sleep(20);
    }
  }
}
