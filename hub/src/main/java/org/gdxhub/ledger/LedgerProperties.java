package org.gdxhub.ledger;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the ledger module, under {@code hub.ledger.*}.
 *
 * @param checkpoint signed checkpoints of the hash chain
 * @param relay the outbox relay that hands new entries to the search indexes, directly or via Kafka
 * @param kafka the Kafka topic (production backend of the relay) and the index consumer
 * @param groupCommit batching of concurrent appends into one transaction (ADR 0015)
 * @param embeddedCompaction compaction of the embedded H2 file while the hub writes (ADR 0018)
 */
@ConfigurationProperties("hub.ledger")
public record LedgerProperties(
    @DefaultValue Checkpoint checkpoint,
    @DefaultValue Relay relay,
    @DefaultValue Kafka kafka,
    @DefaultValue GroupCommit groupCommit,
    @DefaultValue EmbeddedCompaction embeddedCompaction) {

  /**
   * Only for a system of record in an embedded H2 file; PostgreSQL reclaims space itself.
   *
   * @param enabled compact in the background; off: the file grows with every commit's chunk
   *     until the hub restarts
   * @param interval pause between two compaction steps
   * @param rewritePerStep most live data one step moves out of half-empty chunks; a larger step
   *     keeps up with more writes, and holds H2's store lock (which commits wait for) longer
   */
  public record EmbeddedCompaction(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("50ms") Duration interval,
      @DefaultValue("1MB") DataSize rewritePerStep) {}

  /**
   * @param enabled append through one writer that commits whatever has queued up in one
   *     transaction; off: each append is its own transaction on the caller's thread
   * @param maxBatch most entries per transaction
   * @param linger how long the writer waits for more entries once two or more have queued up, or
   *     while entries arrive at 1.5 or more per linger
   */
  public record GroupCommit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("256") int maxBatch,
      @DefaultValue("2ms") Duration linger) {}

  /**
   * @param enabled write checkpoints in the background
   * @param everyEntries sign entry seq N, 2N, 3N ...
   * @param every also sign the chain head when its oldest unsigned entry is older than this
   * @param keyName the {@link org.gdxhub.security.SigningService} key that signs checkpoints
   */
  public record Checkpoint(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1000") int everyEntries,
      @DefaultValue("60s") Duration every,
      @DefaultValue("ledger-checkpoint") String keyName) {}

  /**
   * @param enabled run the relay on this instance (several instances may; one at a time holds the cursor)
   * @param publisher {@code in-process} (hand entries to the LedgerIndex beans) or {@code kafka}
   * @param batchSize ledger entries per publish
   * @param interval pause between polls when there is nothing new to publish
   * @param maxBackoff longest pause after repeated publish failures
   */
  public record Relay(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("in-process") Publisher publisher,
      @DefaultValue("500") int batchSize,
      @DefaultValue("250ms") Duration interval,
      @DefaultValue("30s") Duration maxBackoff) {}

  /** Where the relay publishes. */
  public enum Publisher {
    IN_PROCESS, KAFKA
  }

  /**
   * @param bootstrapServers Kafka brokers, {@code host:port,...}
   * @param topic the ledger topic: key = entry id, value = the entry as JSON
   * @param topicPartitions partitions when the relay creates the topic
   * @param topicReplicationFactor replicas when the relay creates the topic
   * @param deliveryTimeout how long one publish may wait for the brokers before it counts as failed
   * @param properties extra Kafka client properties (security, TLS ...), passed to producer and consumer as they are
   * @param consumer the consumer that feeds the search indexes from the topic
   */
  public record Kafka(
      @DefaultValue("localhost:9092") String bootstrapServers,
      @DefaultValue("gdx.ledger.entries") String topic,
      @DefaultValue("6") int topicPartitions,
      @DefaultValue("1") short topicReplicationFactor,
      @DefaultValue("30s") Duration deliveryTimeout,
      Map<String, String> properties,
      @DefaultValue Consumer consumer) {

    public Kafka {
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
  }

  /**
   * @param enabled consume the topic on this instance and index what arrives
   * @param groupId consumer group; offsets are committed only after indexing
   * @param batchSize records per poll, indexed in one call
   */
  public record Consumer(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("gdx-hub-ledger-index") String groupId,
      @DefaultValue("500") int batchSize) {}
}
