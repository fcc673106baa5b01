package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gdxhub.ledger.LedgerTestSupport.MutableClock;
import org.gdxhub.ledger.internal.BackgroundLoop;
import org.gdxhub.ledger.internal.InProcessLedgerPublisher;
import org.gdxhub.ledger.internal.JdbcRelayCursor;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.ledger.internal.KafkaLedgerConsumer;
import org.gdxhub.ledger.internal.KafkaLedgerPublisher;
import org.gdxhub.ledger.internal.LedgerEntryJson;
import org.gdxhub.ledger.internal.LedgerPublisher;
import org.gdxhub.ledger.internal.OutboxRelay;
import org.gdxhub.testsupport.KafkaServer;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay that carries ledger entries to the indexes (the ledger is its own outbox, ADR 0019)
 * against a real system-of-record database and a real Kafka broker (KRaft, in this JVM): only
 * committed entries go out, every entry is published once per attempt, nothing is lost when the
 * relay stops or crashes or the broker goes away, two relays never send the same entries at
 * once, and the consumer that feeds the indexes commits only what it indexed. Subclasses supply
 * H2 or PostgreSQL (their row locking differs).
 */
abstract class LedgerOutboxRelayContract {

  static final Duration WAIT = Duration.ofSeconds(90);
  /** Generous, so that a loaded 2-core machine does not fail a publish to a running broker. */
  static final Duration UP_TIMEOUT = Duration.ofSeconds(30);
  /** Short, so that publishes during the broker outage fail fast and retry. */
  static final Duration OUTAGE_TIMEOUT = Duration.ofSeconds(5);

  TestDatabase db;
  JdbcClient jdbc;
  TransactionTemplate tx;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
  JdbcLedgerStore store;
  JdbcRelayCursor cursor;
  LedgerService ledger;
  final List<AutoCloseable> closeAfter = new ArrayList<>();

  /** A database migrated up to {@code version} ({@code "latest"}: all migrations). */
  protected abstract TestDatabase openDatabase(String version);

  @BeforeEach
  void setUp() {
    open(openDatabase("latest"));
  }

  void open(TestDatabase database) {
    db = database;
    jdbc = JdbcClient.create(db.ds());
    tx = new TransactionTemplate(new DataSourceTransactionManager(db.ds()));
    store = new JdbcLedgerStore(jdbc);
    cursor = new JdbcRelayCursor(jdbc);
    ledger = new LedgerService(store, clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closeAfter.reversed()) {
      c.close();
    }
    db.close();
  }

  // --- the cursor ---------------------------------------------------------------------------

  @Test
  void onlyCommittedEntriesWaitForTheRelay() {
    List<LedgerEntry> appended = LedgerTestSupport.append(ledger, tx, 3);
    assertThat(cursor.unsentCount()).isEqualTo(3);

    ExchangeRecord duplicate = appended.getFirst().exchange(); // same request id: the append fails
    assertThatThrownBy(() -> tx.execute(s -> ledger.append(duplicate, new DecisionRecord("wasm", "{}", "{}"))))
        .isInstanceOf(LedgerUnavailableException.class);
    tx.executeWithoutResult(s -> {
      ledger.append(LedgerTestSupport.record(9), new DecisionRecord("wasm", "{}", "{}"));
      s.setRollbackOnly(); // the lookup's transaction rolls back: no entry, nothing to relay
    });
    assertThat(ledger.count()).isEqualTo(3);
    assertThat(LedgerTestSupport.unsent(jdbc)).isEqualTo(3);
    var index = new RecordingLedgerIndex();
    assertThat(relay(new InProcessLedgerPublisher(() -> List.of(index)), 100).drain()).isEqualTo(3);
    assertThat(index.deliveries()).containsOnlyKeys(appended.stream().map(LedgerEntry::id).toList());
    assertThat(cursor.unsentCount()).isZero();
  }

  @Test
  void whileOneRelayHoldsTheCursorAnotherSendsNothingAndThenTakesOverWhereItStopped() throws Exception {
    List<LedgerEntry> appended = LedgerTestSupport.append(ledger, tx, 30);
    var publishing = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var firstIndex = new RecordingLedgerIndex();
    LedgerPublisher held = new LedgerPublisher() {
      @Override
      public void publish(List<LedgerEntry> entries) {
        publishing.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        firstIndex.index(entries);
      }

      @Override
      public String name() {
        return "held";
      }
    };
    var first = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      var firstBatch = first.submit(() -> relay(held, 10).relayOnce());
      assertThat(publishing.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      var secondIndex = new RecordingLedgerIndex();
      OutboxRelay second = relay(new InProcessLedgerPublisher(() -> List.of(secondIndex)), 10);
      assertThat(second.relayOnce()).as("the cursor is held by the first relay").isZero();

      release.countDown();
      assertThat(firstBatch.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(10);
      assertThat(second.drain()).isEqualTo(20);
      assertThat(firstIndex.deliveries().keySet())
          .containsExactlyInAnyOrderElementsOf(appended.subList(0, 10).stream().map(LedgerEntry::id).toList());
      assertThat(secondIndex.deliveries().keySet())
          .containsExactlyInAnyOrderElementsOf(appended.subList(10, 30).stream().map(LedgerEntry::id).toList());
    } finally {
      release.countDown();
      first.shutdownNow();
    }
  }

  @Test
  void upgradingFromTheOutboxTableStartsTheCursorAtItsOldestUnsentRow() {
    db.close();
    open(openDatabase("70"));
    List<LedgerEntry> appended = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ExchangeRecord r = LedgerTestSupport.record(i);
      appended.add(tx.execute(s -> {
        // Written as the V3-V70 hub wrote them: the entry, its decision and an outbox row.
        LedgerEntry e = store.append(r, new DecisionRecord("wasm", "{}", "{}"), clock.instant());
        jdbc.sql("insert into ledger_outbox (entry_seq, entry_id, created_at) values (?, ?, ?)")
            .params(e.seq(), e.id(), java.time.OffsetDateTime.ofInstant(e.recordedAt(), java.time.ZoneOffset.UTC))
            .update();
        return e;
      }));
    }
    // The old relay had sent the first four; a relay elsewhere had also sent the sixth.
    jdbc.sql("update ledger_outbox set sent_at = created_at where entry_seq in (1, 2, 3, 4, 6)").update();

    db.migrate("latest");

    assertThat(cursor.unsentCount()).as("the fifth and, again, the sixth").isEqualTo(2);
    var index = new RecordingLedgerIndex();
    assertThat(relay(new InProcessLedgerPublisher(() -> List.of(index)), 100).drain()).isEqualTo(2);
    assertThat(index.deliveries()).containsOnlyKeys(appended.get(4).id(), appended.get(5).id());
  }

  // --- the in-process relay (embedded default) ---------------------------------------------

  @Test
  void inProcessRelayIndexesEveryEntryOnceAndAdvancesTheCursor() {
    var index = new RecordingLedgerIndex();
    OutboxRelay relay = relay(new InProcessLedgerPublisher(() -> List.of(index)), 7);
    List<LedgerEntry> appended = LedgerTestSupport.append(ledger, tx, 20);

    assertThat(relay.drain()).isEqualTo(20);
    assertThat(index.deliveries()).hasSize(20).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(index.deliveries()).containsOnlyKeys(appended.stream().map(LedgerEntry::id).toList());
    assertThat(index.calls()).isEqualTo(3); // 7 + 7 + 6
    assertThat(LedgerTestSupport.unsent(jdbc)).isZero();
    assertThat(relay.drain()).as("nothing is sent twice").isZero();
  }

  @Test
  void inProcessRelayWithoutAnyIndexJustAdvancesTheCursor() {
    LedgerTestSupport.append(ledger, tx, 5);
    assertThat(relay(new InProcessLedgerPublisher(List::of), 100).drain()).isEqualTo(5);
    assertThat(LedgerTestSupport.unsent(jdbc)).isZero();
  }

  @Test
  void aFailedPublishKeepsTheCursorAndTheNextStepSendsTheEntries() {
    var index = new RecordingLedgerIndex();
    index.failNextCalls(1);
    OutboxRelay relay = relay(new InProcessLedgerPublisher(() -> List.of(index)), 100);
    LedgerTestSupport.append(ledger, tx, 4);

    assertThatThrownBy(relay::relayOnce).hasMessageContaining("index unavailable");
    assertThat(LedgerTestSupport.unsent(jdbc)).isEqualTo(4);
    assertThat(cursor.failedAttempts()).isEqualTo(1);

    assertThat(relay.relayOnce()).isEqualTo(4);
    assertThat(index.deliveries()).hasSize(4);
    assertThat(LedgerTestSupport.unsent(jdbc)).isZero();
    assertThat(cursor.failedAttempts()).as("cleared by a publish that succeeded").isZero();
  }

  // --- the Kafka relay (production) ---------------------------------------------------------

  @Test
  void kafkaRelayPublishesEveryEntryOnceAndAdvancesTheCursor() {
    KafkaServer kafka = KafkaServer.shared();
    String topic = topic();
    OutboxRelay relay = relay(kafkaPublisher(kafka, topic), 16);
    List<LedgerEntry> appended = LedgerTestSupport.append(ledger, tx, 50);

    assertThat(relay.drain()).isEqualTo(50);
    assertThat(LedgerTestSupport.unsent(jdbc)).isZero();

    List<ConsumerRecord<String, byte[]>> records = readTopic(kafka, topic, 50);
    assertThat(records).hasSize(50);
    assertThat(records).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrderElementsOf(appended.stream().map(LedgerEntry::id).toList());
    for (ConsumerRecord<String, byte[]> record : records) {
      LedgerEntry published = LedgerEntryJson.read(record.value());
      assertThat(published.id()).isEqualTo(record.key());
      assertThat(published).isEqualTo(ledger.entry(record.key()).orElseThrow());
    }
  }

  @Test
  void aCrashBetweenPublishAndCommitRepublishesOnlyThatBatch() {
    KafkaServer kafka = KafkaServer.shared();
    String topic = topic();
    LedgerPublisher kafkaPublisher = kafkaPublisher(kafka, topic);
    AtomicInteger batches = new AtomicInteger();
    // The second batch reaches Kafka, then the relay "dies" before marking the rows.
    LedgerPublisher crashing = new LedgerPublisher() {
      @Override
      public void publish(List<LedgerEntry> entries) {
        kafkaPublisher.publish(entries);
        if (batches.incrementAndGet() == 2) {
          throw new IllegalStateException("relay process killed after publishing (test)");
        }
      }

      @Override
      public String name() {
        return "crashing";
      }
    };
    List<LedgerEntry> appended = LedgerTestSupport.append(ledger, tx, 30);
    OutboxRelay first = relay(crashing, 10);
    assertThat(first.relayOnce()).isEqualTo(10);
    assertThatThrownBy(first::relayOnce).hasMessageContaining("killed");
    assertThat(LedgerTestSupport.unsent(jdbc)).isEqualTo(20);

    // A new relay (the restarted process) with a new producer takes over from the cursor.
    assertThat(relay(kafkaPublisher(kafka, topic), 10).drain()).isEqualTo(20);
    assertThat(LedgerTestSupport.unsent(jdbc)).isZero();

    Map<String, Integer> published = countByKey(readTopic(kafka, topic, 40));
    assertThat(published).containsOnlyKeys(appended.stream().map(LedgerEntry::id).toList());
    List<String> secondBatch = appended.subList(10, 20).stream().map(LedgerEntry::id).toList();
    published.forEach((id, n) -> assertThat(n).as(id).isEqualTo(secondBatch.contains(id) ? 2 : 1));
  }

  @Test
  void aRelayStoppedMidwayAndRestartedLosesNothing() {
    KafkaServer kafka = KafkaServer.shared();
    String topic = topic();
    List<LedgerEntry> appended = LedgerTestSupport.append(ledger, tx, 120);
    BackgroundLoop loop = loop(relay(slow(kafkaPublisher(kafka, topic)), 10));
    loop.start();
    assertThat(LedgerTestSupport.await(WAIT, () -> LedgerTestSupport.unsent(jdbc) <= 80)).isTrue();
    loop.stop(); // graceful: the batch in flight completes and is marked
    long left = LedgerTestSupport.unsent(jdbc);
    assertThat(left).isBetween(1L, 80L);

    BackgroundLoop restarted = loop(relay(kafkaPublisher(kafka, topic), 10));
    restarted.start();
    assertThat(LedgerTestSupport.await(WAIT, () -> LedgerTestSupport.unsent(jdbc) == 0)).isTrue();
    restarted.stop();

    Map<String, Integer> published = countByKey(readTopic(kafka, topic, 120));
    assertThat(published).containsOnlyKeys(appended.stream().map(LedgerEntry::id).toList());
    assertThat(published.values()).as("a graceful stop duplicates nothing").allMatch(n -> n == 1);
  }

  @Test
  void aBrokerOutageGrowsTheOutboxWhichDrainsAfterwardsAndTheConsumerSeesEveryEntry() {
    KafkaServer kafka = KafkaServer.startNew();
    String topic = topic();
    var index = new RecordingLedgerIndex();
    BackgroundLoop relayLoop = loop(relay(kafkaPublisher(kafka, topic, OUTAGE_TIMEOUT), 25));
    KafkaLedgerConsumer consumer = consumer(kafka, topic, "index-" + UUID.randomUUID(), index);
    relayLoop.start();
    consumer.start();
    try {
      LedgerTestSupport.append(ledger, tx, 100);
      assertThat(LedgerTestSupport.await(WAIT, () -> index.count() == 100)).isTrue();
      assertThat(LedgerTestSupport.unsent(jdbc)).isZero();

      kafka.stop();
      LedgerTestSupport.append(ledger, tx, 150); // lookups go on while Kafka is down
      assertThat(LedgerTestSupport.await(Duration.ofSeconds(5), () -> false)).isFalse(); // the relay keeps failing
      assertThat(LedgerTestSupport.unsent(jdbc)).as("the outbox holds what Kafka could not take").isEqualTo(150);
      assertThat(index.count()).isEqualTo(100);

      kafka.restart();
      assertThat(LedgerTestSupport.await(WAIT, () -> LedgerTestSupport.unsent(jdbc) == 0)).as("outbox drained").isTrue();
      assertThat(LedgerTestSupport.await(WAIT, () -> index.count() == ledger.count())).as("all indexed").isTrue();
      assertThat(index.deliveries().keySet()).containsExactlyInAnyOrderElementsOf(LedgerTestSupport.ledgerIds(jdbc));
      assertThat(ledger.verify().valid()).isTrue();
    } finally {
      consumer.stop();
      relayLoop.stop();
    }
  }

  @Test
  void theConsumerCommitsOnlyWhatItIndexed() {
    KafkaServer kafka = KafkaServer.shared();
    String topic = topic();
    String group = "index-" + UUID.randomUUID();
    LedgerTestSupport.append(ledger, tx, 40);
    relay(kafkaPublisher(kafka, topic), 40).drain();

    var index = new RecordingLedgerIndex();
    index.failNextCalls(2); // the index is down for the first two batches: they must come again
    KafkaLedgerConsumer consumer = consumer(kafka, topic, group, index);
    consumer.start();
    assertThat(LedgerTestSupport.await(WAIT, () -> index.count() == 40)).isTrue();
    consumer.stop();
    assertThat(index.calls()).isGreaterThanOrEqualTo(3);

    // A restarted consumer in the same group starts after the committed offsets: nothing comes again.
    var after = new RecordingLedgerIndex();
    KafkaLedgerConsumer restarted = consumer(kafka, topic, group, after);
    restarted.start();
    LedgerTestSupport.append(ledger, tx, 1);
    relay(kafkaPublisher(kafka, topic), 40).drain();
    assertThat(LedgerTestSupport.await(WAIT, () -> after.count() == 1)).isTrue();
    restarted.stop();
    assertThat(after.deliveries()).hasSize(1);
  }

  // --- helpers ------------------------------------------------------------------------------

  OutboxRelay relay(LedgerPublisher publisher, int batchSize) {
    return new OutboxRelay(cursor, store, publisher, tx, clock, batchSize);
  }

  BackgroundLoop loop(OutboxRelay relay) {
    return new BackgroundLoop("test-relay", relay::step, Duration.ofMillis(100), Duration.ofSeconds(1));
  }

  LedgerPublisher kafkaPublisher(KafkaServer kafka, String topic) {
    return kafkaPublisher(kafka, topic, UP_TIMEOUT);
  }

  LedgerPublisher kafkaPublisher(KafkaServer kafka, String topic, Duration deliveryTimeout) {
    var publisher = new KafkaLedgerPublisher(kafkaConfig(kafka, topic, "unused", deliveryTimeout));
    closeAfter.add(publisher);
    return publisher;
  }

  KafkaLedgerConsumer consumer(KafkaServer kafka, String topic, String group, LedgerIndex index) {
    var consumer = new KafkaLedgerConsumer(kafkaConfig(kafka, topic, group, UP_TIMEOUT), () -> List.of(index),
        Duration.ofSeconds(1));
    closeAfter.add(consumer::stop);
    return consumer;
  }

  static LedgerProperties.Kafka kafkaConfig(KafkaServer kafka, String topic, String group, Duration deliveryTimeout) {
    return new LedgerProperties.Kafka(kafka.bootstrapServers(), topic, 3, (short) 1, deliveryTimeout, Map.of(),
        new LedgerProperties.Consumer(true, group, 25));
  }

  /** Slows each publish so that a stop lands in the middle of the work. */
  static LedgerPublisher slow(LedgerPublisher publisher) {
    return new LedgerPublisher() {
      @Override
      public void publish(List<LedgerEntry> entries) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        publisher.publish(entries);
      }

      @Override
      public String name() {
        return "slow-" + publisher.name();
      }
    };
  }

  static String topic() {
    return "gdx.ledger.test-" + UUID.randomUUID();
  }

  /** Every record on the topic (a fresh group from the start), waiting until at least {@code expected} arrived. */
  static List<ConsumerRecord<String, byte[]>> readTopic(KafkaServer kafka, String topic, int expected) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // then a quiet second, so that duplicates beyond the expected count would show
      long quiet = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < quiet) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  static Map<String, Integer> countByKey(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, Integer> counts = new HashMap<>();
    records.forEach(r -> counts.merge(r.key(), 1, Integer::sum));
    return counts;
  }
}
