package org.gdxhub.ledger.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.gdxhub.cluster.SingletonJobs;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerProperties;
import org.gdxhub.security.SigningService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Wires the ledger's background work: the checkpointer, the outbox relay with its publisher
 * ({@code hub.ledger.relay.publisher}: in-process or kafka) and, when enabled, the Kafka
 * consumer that feeds the search indexes; and the compaction of an embedded H2 file.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
class LedgerConfiguration {

  private static final Duration CHECKPOINT_POLL = Duration.ofSeconds(1);
  static final String CHECKPOINTER_JOB = "ledger-checkpointer";

  /** Batches concurrent lookups' appends into one transaction each (ADR 0015). */
  @Bean(destroyMethod = "close")
  LedgerGroupCommit ledgerGroupCommit(JdbcLedgerStore store, PlatformTransactionManager transactions, Clock clock,
      LedgerProperties properties, ObjectProvider<MeterRegistry> meters) {
    return new LedgerGroupCommit(store, transactions, clock, properties.groupCommit(),
        meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  LedgerCheckpointer ledgerCheckpointer(JdbcLedgerStore entries, JdbcCheckpointStore checkpoints,
      SigningService signing, PlatformTransactionManager transactions, Clock clock, LedgerProperties properties) {
    return new LedgerCheckpointer(entries, checkpoints, signing, new TransactionTemplate(transactions), clock,
        properties.checkpoint());
  }

  @Bean
  @ConditionalOnProperty(name = "hub.ledger.checkpoint.enabled", havingValue = "true", matchIfMissing = true)
  BackgroundLoop ledgerCheckpointLoop(LedgerCheckpointer checkpointer, LedgerProperties properties, SingletonJobs jobs) {
    Duration every = properties.checkpoint().every();
    Duration poll = every.compareTo(CHECKPOINT_POLL) < 0 ? every : CHECKPOINT_POLL;
    // Every instance polls; one at a time signs (the checkpoint's primary key would also stop a
    // second writer, but only after it had signed for nothing).
    return new BackgroundLoop(CHECKPOINTER_JOB, () -> {
      jobs.runExclusively(CHECKPOINTER_JOB, Duration.ofMinutes(1), checkpointer::checkpointDue);
      return false;
    }, poll, Duration.ofMinutes(1));
  }

  /** The relay's publisher, chosen by {@code hub.ledger.relay.publisher}. */
  @Bean(destroyMethod = "close")
  LedgerPublisher ledgerPublisher(LedgerProperties properties, ObjectProvider<LedgerIndex> indexes) {
    return switch (properties.relay().publisher()) {
      case KAFKA -> new KafkaLedgerPublisher(properties.kafka());
      case IN_PROCESS -> new InProcessLedgerPublisher(all(indexes));
    };
  }

  @Bean
  OutboxRelay outboxRelay(JdbcRelayCursor cursor, JdbcLedgerStore entries, LedgerPublisher publisher,
      PlatformTransactionManager transactions, Clock clock, LedgerProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    var outboxRelay = new OutboxRelay(cursor, entries, publisher, new TransactionTemplate(transactions), clock,
        properties.relay().batchSize());
    meters.ifAvailable(registry -> Gauge.builder("gdx.ledger.outbox.unsent", cursor, JdbcRelayCursor::unsentCount)
        .description("Ledger entries not yet published by the outbox relay").register(registry));
    return outboxRelay;
  }

  @Bean
  @ConditionalOnProperty(name = "hub.ledger.relay.enabled", havingValue = "true", matchIfMissing = true)
  BackgroundLoop ledgerOutboxRelayLoop(OutboxRelay relay, LedgerProperties properties) {
    return new BackgroundLoop("ledger-outbox-relay-" + relay.publisherName(), relay::step,
        properties.relay().interval(), properties.relay().maxBackoff());
  }

  @Bean
  @ConditionalOnProperty(name = "hub.ledger.kafka.consumer.enabled", havingValue = "true")
  KafkaLedgerConsumer kafkaLedgerConsumer(LedgerProperties properties, ObjectProvider<LedgerIndex> indexes) {
    return new KafkaLedgerConsumer(properties.kafka(), all(indexes), properties.relay().maxBackoff());
  }

  @Bean
  @ConditionalOnProperty(name = "hub.ledger.embedded-compaction.enabled", havingValue = "true", matchIfMissing = true)
  EmbeddedStoreCompaction embeddedStoreCompaction(DataSource dataSource, LedgerProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    return new EmbeddedStoreCompaction(dataSource, properties.embeddedCompaction(), meters);
  }

  private static Supplier<List<LedgerIndex>> all(ObjectProvider<LedgerIndex> indexes) {
    return () -> indexes.orderedStream().toList();
  }
}
