package org.gdxhub.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gdxhub.ledger.LedgerProperties;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The embedded H2 file under the hub's write pattern (many small commits with {@code WRITE_DELAY=0}:
 * appends, a counter update, outbox rows written and deleted), written the same way with and
 * without {@link EmbeddedStoreCompaction} running beside the writer.
 */
class EmbeddedStoreCompactionIT {

  private static final int COMMITS = 4_000;
  private static final String BODY = "x".repeat(600);

  @TempDir
  Path dir;

  @Test
  void compactionWhileWritingKeepsTheFileCloseToItsLiveData() throws Exception {
    JdbcDataSource plain = fileDatabase("plain");
    JdbcDataSource compacted = fileDatabase("compacted");
    var meters = new SimpleMeterRegistry();
    var compaction = new EmbeddedStoreCompaction(compacted,
        new LedgerProperties.EmbeddedCompaction(true, Duration.ofMillis(20), DataSize.ofMegabytes(1)),
        new StaticListableBeanFactory(Map.of("meters", meters)).getBeanProvider(MeterRegistry.class));

    try (Connection plainConnection = plain.getConnection(); Connection compactedConnection = compacted.getConnection()) {
      writeLikeTheHub(plainConnection);
      compaction.start();
      assertThat(compaction.isRunning()).isTrue();
      try {
        writeLikeTheHub(compactedConnection);
      } finally {
        compaction.stop();
      }
      MVStore plainStore = EmbeddedStoreCompaction.embeddedFileStore(plain).orElseThrow();
      MVStore compactedStore = EmbeddedStoreCompaction.embeddedFileStore(compacted).orElseThrow();
      int plainFill = EmbeddedStoreCompaction.chunksFillRate(plainStore);
      int compactedFill = EmbeddedStoreCompaction.chunksFillRate(compactedStore);
      long plainBytes = Files.size(dir.resolve("plain.mv.db"));
      long compactedBytes = Files.size(dir.resolve("compacted.mv.db"));
      System.out.printf("%,d commits: without compaction %,d bytes, chunks %d %% live; with it %,d bytes, %d %% live%n",
          COMMITS, plainBytes, plainFill, compactedBytes, compactedFill);

      assertThat(plainFill).as("without compaction the chunks are mostly dead pages").isLessThan(40);
      // The fill rate at the last commit depends on how far the last step got (56-73 % seen);
      // the file size shows the space that compaction freed and the writer reused meanwhile.
      assertThat(compactedFill).as("compaction keeps more of the chunks live").isGreaterThanOrEqualTo(2 * plainFill);
      assertThat(compactedBytes).as("file size with compaction").isLessThan(plainBytes / 2);
      assertThat(meters.get("gdx.ledger.store.chunks.fill").gauge().value()).isEqualTo(compactedFill);
      Timer steps = meters.get("gdx.ledger.store.compaction").timer();
      System.out.printf("%,d compaction steps, longest %.1f ms%n", steps.count(), steps.max(TimeUnit.MILLISECONDS));
      assertThat(steps.count()).as("compaction steps while writing").isPositive();
    }

    // Nothing was lost or damaged by moving pages: the reopened file has every row.
    try (Connection reopened = compacted.getConnection(); Statement sql = reopened.createStatement()) {
      assertThat(count(sql, "select count(*) from entry")).isEqualTo(COMMITS);
      assertThat(count(sql, "select sum(n) from usage_count")).isEqualTo(COMMITS);
      assertThat(count(sql, "select count(*) from entry where body <> '" + BODY + "'")).isZero();
    }
  }

  @Test
  void doesNothingForAnInMemoryDatabase() {
    var memory = new JdbcDataSource();
    memory.setURL("jdbc:h2:mem:compaction-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    var compaction = new EmbeddedStoreCompaction(memory,
        new LedgerProperties.EmbeddedCompaction(true, Duration.ofMillis(20), DataSize.ofMegabytes(1)),
        new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));

    compaction.start();

    assertThat(compaction.isRunning()).isFalse();
  }

  /**
   * An H2 file with the hub's {@code WRITE_DELAY=0}. {@code RETENTION_TIME=0} makes chunks
   * rewritable at once rather than after H2's default 45 s, so a short test shows what the hub
   * sees after a minute of load; the file closes when its last connection does.
   */
  private JdbcDataSource fileDatabase(String name) throws SQLException {
    var dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
    try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("create table entry(seq bigint primary key, agency varchar(40), body varchar(700))");
      sql.execute("create index entry_agency on entry(agency, seq)");
      sql.execute("create table outbox(seq bigint primary key)");
      sql.execute("create table usage_count(agency varchar(40) primary key, n bigint not null)");
      for (int i = 0; i < 20; i++) {
        sql.execute("insert into usage_count values('agency-" + i + "', 0)");
      }
    }
    return dataSource;
  }

  private static void writeLikeTheHub(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement append = connection.prepareStatement("insert into entry values(?, ?, ?)");
        PreparedStatement queue = connection.prepareStatement("insert into outbox values(?)");
        PreparedStatement sent = connection.prepareStatement("delete from outbox where seq < ?");
        PreparedStatement use = connection.prepareStatement("update usage_count set n = n + 1 where agency = ?")) {
      for (long seq = 1; seq <= COMMITS; seq++) {
        String agency = "agency-" + seq % 20;
        append.setLong(1, seq);
        append.setString(2, agency);
        append.setString(3, BODY);
        append.executeUpdate();
        queue.setLong(1, seq);
        queue.executeUpdate();
        sent.setLong(1, seq - 100);
        sent.executeUpdate();
        use.setString(1, agency);
        use.executeUpdate();
        connection.commit();
      }
    }
    connection.setAutoCommit(true);
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
