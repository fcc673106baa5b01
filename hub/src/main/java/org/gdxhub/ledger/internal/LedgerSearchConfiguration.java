package org.gdxhub.ledger.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.gdxhub.cluster.SingletonJobs;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerReindexService;
import org.gdxhub.ledger.LedgerSearchProperties;
import org.gdxhub.ledger.LedgerStatisticsService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * Ledger search wiring: the index backend chosen by {@code hub.ledger.search.backend}, the
 * reindex, statistics and anomaly services on top of it, and its health indicator
 * ({@code /actuator/health} component {@code ledgerIndex}: UP, DOWN when unreachable, DEGRADED
 * while a Lucene index refuses writes, e.g. on a full disk).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSearchProperties.class)
class LedgerSearchConfiguration {

  /** The ledgerIndex health status while the index refuses writes (ordered between DOWN and UP in application.yml). */
  static final Status DEGRADED = new Status("DEGRADED", "the ledger search index refuses writes; lookups go on");

  @Bean
  @Primary
  LedgerIndex ledgerIndex(LedgerSearchProperties properties) {
    LedgerDocument documents = new LedgerDocument(properties);
    return switch (properties.backend()) {
      case LedgerSearchProperties.LUCENE -> new LuceneLedgerIndex(Path.of(properties.lucene().path()), documents);
      case LedgerSearchProperties.ELASTICSEARCH -> new ElasticsearchLedgerIndex(properties.elasticsearch(), documents);
      default -> throw new HubException(ErrorCode.INVALID_REQUEST,
          "hub.ledger.search.backend must be lucene or elasticsearch, not " + properties.backend());
    };
  }

  @Bean
  LedgerReindexService ledgerReindexService(JdbcLedgerStore store, LedgerIndex index,
      LedgerSearchProperties properties, Clock clock) {
    return new LedgerReindexService(store, index, properties.reindexBatchSize(), clock);
  }

  @Bean
  LedgerStatisticsService ledgerStatisticsService(LedgerIndex index, LedgerSearchProperties properties) {
    return new LedgerStatisticsService(index, properties.zone());
  }

  @Bean
  LedgerAnomalyService ledgerAnomalyService(LedgerIndex index, LedgerSearchProperties properties) {
    return new LedgerAnomalyService(index, properties.zone(), properties.anomalies());
  }

  @Bean
  HealthIndicator ledgerIndexHealthIndicator(LedgerIndex index) {
    return () -> {
      try {
        Map<String, Object> details = index.health();
        if (LuceneLedgerIndex.DEGRADED.equals(details.get("status"))) {
          // Lookups go on (the index is not the system of record); search is behind until it recovers.
          return Health.status(DEGRADED).withDetails(details).build();
        }
        boolean red = "red".equals(details.get("status"));
        return (red ? Health.down() : Health.up()).withDetails(details).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("backend", index.name()).withDetail("error", String.valueOf(e.getMessage()))
            .build();
      }
    };
  }

  /** Keeps the index caught up with the ledger once the hub is up (the follow interval; 0s turns it off). */
  @EventListener(ApplicationReadyEvent.class)
  void followTheLedger(ApplicationReadyEvent event) {
    var context = event.getApplicationContext();
    LedgerSearchProperties properties = context.getBean(LedgerSearchProperties.class);
    LedgerReindexService reindex = context.getBean(LedgerReindexService.class);
    if (LedgerSearchProperties.ELASTICSEARCH.equals(properties.backend())) {
      // One index shared by every instance: one instance at a time follows the ledger into it.
      // A Lucene index is each instance's own, so each instance follows into its own.
      reindex.follow(properties.followInterval(), context.getBean(SingletonJobs.class));
    } else {
      reindex.follow(properties.followInterval());
    }
  }
}
