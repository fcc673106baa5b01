package org.gdxhub.ledger.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private final LedgerProperties.Kafka config;
  private final Supplier<List<LedgerIndex>> indexes;
  private final BackgroundLoop loop;
  /** Used only on the loop's thread, except {@link KafkaConsumer#wakeup} (thread-safe) from stop(). */
  private volatile KafkaConsumer<String, byte[]> consumer;

  public KafkaLedgerConsumer(LedgerProperties.Kafka config, Supplier<List<LedgerIndex>> indexes, Duration maxBackoff) {
    this.config = config;
    this.indexes = indexes;
    this.loop = new BackgroundLoop("ledger-kafka-consumer", new BackgroundLoop.Step() {
      @Override
      public boolean run() {
        return pollOnce();
      }

      @Override
      public void wakeUp() {
        wakeUpPoll();
      }

      @Override
      public void close() {
        closeConsumer();
      }
    }, FIRST_BACKOFF, maxBackoff);
  }

  @Override
  public void start() {
    if (indexes.get().isEmpty()) {
      log.warn("the Kafka ledger consumer is enabled but no LedgerIndex is configured: it will only move offsets");
    }
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop();
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }

  /**
   * One poll, indexed and committed. Always true: the poll itself waits for records. A Kafka
   * failure drops the consumer (the next step makes a new one); an index failure keeps it,
   * rewound to the batch's first offsets. Both are retried by the loop with backoff.
   */
  private boolean pollOnce() {
    KafkaConsumer<String, byte[]> c = consumer;
    if (c == null) {
      c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
      c.subscribe(List.of(config.topic()));
      consumer = c;
    }
    try {
      ConsumerRecords<String, byte[]> records = c.poll(POLL);
      if (!records.isEmpty()) {
        indexBatch(c, records);
      }
    } catch (WakeupException e) {
      // stop() woke the consumer up; the loop sees it is stopping
    } catch (KafkaException | IllegalStateException e) {
      closeConsumer();
      throw e;
    }
    return true;
  }

  private void wakeUpPoll() {
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void closeConsumer() {
    KafkaConsumer<String, byte[]> c = consumer;
    consumer = null;
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.debug("closing the Kafka ledger consumer: {}", e.toString());
      }
    }
  }

  /** Indexes one poll's records and commits their offsets; rewinds and throws when indexing failed. */
  private void indexBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
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
      first.forEach(c::seek);
      throw new IndexingFailed(batch.size(), e);
    }
    try {
      c.commitSync(next);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // Indexed but not committed: these records may come again, which indexing tolerates.
      log.warn("committing Kafka offsets failed; the last batch may be indexed again: {}", e.toString());
    }
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> p = KafkaClients.common(config, "gdx-hub-ledger-index");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumer().groupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.consumer().batchSize()));
    return p;
  }

  /** The batch was not indexed; the consumer is rewound to it and kept. */
  private static final class IndexingFailed extends RuntimeException {
    IndexingFailed(int entries, RuntimeException cause) {
      super("indexing " + entries + " ledger entries from Kafka failed; they will be read again: " + cause, cause);
    }
  }
}
