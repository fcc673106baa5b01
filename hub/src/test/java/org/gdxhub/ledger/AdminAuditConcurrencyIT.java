package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two admin-stream writers as two hub instances would have them (separate services, so the JVM
 * monitor does not serialise them) append concurrently to one database: every append succeeds
 * and the stream stays one valid chain (ADR 0014).
 */
class AdminAuditConcurrencyIT {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void appendsFromTwoInstancesFormOneChain(String kind) throws Exception {
    try (TestDatabase db = "h2".equals(kind) ? TestDatabase.h2() : TestDatabase.postgres()) {
      var tx = new TransactionTemplate(new DataSourceTransactionManager(db.ds()));
      List<AdminAuditService> instances = List.of(new AdminAuditService(JdbcClient.create(db.ds()), Clock.systemUTC()),
          new AdminAuditService(JdbcClient.create(db.ds()), Clock.systemUTC()));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> appends = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        AdminAuditService instance = instances.get(i % 2);
        int n = i;
        appends.add(pool.submit(() -> tx.executeWithoutResult(s -> instance.record("operator", "test.appended",
            "target-" + n, null, Map.of("n", n)))));
      }
      for (Future<?> append : appends) {
        append.get();
      }
      pool.shutdown();
      assertThat(instances.get(0).count()).isEqualTo(80);
      assertThat(instances.get(1).firstBroken()).isEqualTo(-1);
    }
  }
}
