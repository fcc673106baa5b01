package org.gdxhub.ledger.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the ledger topic and indexes what arrives, in batches (one poll = one
 * {@link LedgerIndex#index} call per index). Offsets are committed only after every index took
 * the batch, so a crash or an index failure means the batch comes again: at least once, and
 * the indexes are idempotent by entry id. On an index failure it rewinds to the batch's first
 * offsets and retries with backoff.
 */
public class KafkaLedgerConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KafkaLedgerConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final LedgerProperties.Kafka config;
  private final Supplier<List<LedgerIndex>> indexes;
  private final Duration maxBackoff;
  private final AtomicReference<KafkaConsumer<String, byte[]>> consumer = new AtomicReference<>();
  private final Object signal = new Object();
  private volatile boolean running;
  private Thread thread;

  public KafkaLedgerConsumer(LedgerProperties.Kafka config, Supplier<List<LedgerIndex>> indexes, Duration maxBackoff) {
    this.config = config;
    this.indexes = indexes;
    this.maxBackoff = maxBackoff;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    if (indexes.get().isEmpty()) {
      log.warn("the Kafka ledger consumer is enabled but no LedgerIndex is configured: it will only move offsets");
    }
    running = true;
    thread = Thread.ofPlatform().name("ledger-kafka-consumer").daemon().start(this::run);
  }

  @Override
  public void stop() {
    Thread current;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      current = thread;
    }
    KafkaConsumer<String, byte[]> c = consumer.get();
    if (c != null) {
      c.wakeup();
    }
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      current.join(Duration.ofMinutes(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    int failures = 0;
    while (running) {
      try (var c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer.set(c);
        if (!running) {
          return; // stopped before the consumer existed to be woken up
        }
        c.subscribe(List.of(config.topic()));
        while (running) {
          ConsumerRecords<String, byte[]> records = c.poll(POLL);
          if (records.isEmpty()) {
            continue;
          }
          if (indexBatch(c, records)) {
            failures = 0;
          } else {
            pause(backoff(++failures));
          }
        }
      } catch (WakeupException e) {
        // stop() woke the consumer up
      } catch (KafkaException | IllegalStateException e) {
        log.warn("Kafka ledger consumer failed, restarting it: {}", e.toString());
        pause(backoff(++failures));
      } finally {
        consumer.set(null);
      }
    }
  }

  /** Indexes one poll's records and commits their offsets; false (and rewound) when indexing failed. */
  private boolean indexBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
    List<LedgerEntry> batch = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      first.putIfAbsent(partition, record.offset());
      next.put(partition, new OffsetAndMetadata(record.offset() + 1));
      try {
        batch.add(LedgerEntryJson.read(record.value()));
      } catch (RuntimeException e) {
        // A record that is not an entry can never be indexed; the system of record still has
        // the entry and a reindex restores it. Skipping keeps the rest of the ledger flowing.
        log.error("skipping unreadable ledger record {}-{}@{} (key {}): {}", record.topic(), record.partition(),
            record.offset(), record.key(), e.toString());
      }
    }
    try {
      for (LedgerIndex index : indexes.get()) {
        index.index(batch);
      }
    } catch (RuntimeException e) {
      log.warn("indexing {} ledger entries from Kafka failed; they will be read again: {}", batch.size(), e.toString());
      first.forEach(c::seek);
      return false;
    }
    try {
      c.commitSync(next);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // Indexed but not committed: these records may come again, which indexing tolerates.
      log.warn("committing Kafka offsets failed; the last batch may be indexed again: {}", e.toString());
    }
    return true;
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> p = KafkaClients.common(config, "gdx-hub-ledger-index");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumer().groupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.consumer().batchSize()));
    return p;
  }

  private Duration backoff(int failures) {
    Duration pause = Duration.ofMillis(200).multipliedBy(1L << Math.min(failures, 20));
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }

  private void pause(Duration pause) {
    synchronized (signal) {
      if (running) {
        try {
          signal.wait(Math.max(1, pause.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }
}
