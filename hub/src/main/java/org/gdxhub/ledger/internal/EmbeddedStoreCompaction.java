package org.gdxhub.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.gdxhub.ledger.LedgerProperties;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * Compacts the embedded H2 file of the system of record while the hub writes to it.
 *
 * <p>{@code WRITE_DELAY=0} (ADR 0016) writes every commit to the file before the hub answers, and
 * it also stops H2's background writer thread, which is the thread that would compact the file.
 * Without compaction every group commit leaves a new chunk whose few live pages keep it from
 * being reused: under uninterrupted load the file grew six times faster than its data (ADR 0018).
 * Each {@link #step} moves at most {@code hub.ledger.embedded-compaction.rewrite-per-step} of
 * live pages out of the emptiest chunks that are older than H2's retention time, so those chunks
 * can be reused; the bounded step keeps the store lock, which commits also take, short. On PostgreSQL, an H2
 * server or an in-memory database it does nothing.
 */
final class EmbeddedStoreCompaction implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreCompaction.class);

  /** H2's own default for its background compaction: act while chunks are below 90 % live data. */
  static final int TARGET_FILL_RATE = 90;

  private final DataSource dataSource;
  private final LedgerProperties.EmbeddedCompaction settings;
  private final ObjectProvider<MeterRegistry> meters;
  private BackgroundLoop loop;

  EmbeddedStoreCompaction(DataSource dataSource, LedgerProperties.EmbeddedCompaction settings,
      ObjectProvider<MeterRegistry> meters) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.meters = meters;
  }

  @Override
  public synchronized void start() {
    if (loop != null) {
      return;
    }
    Optional<MVStore> store = embeddedFileStore(dataSource);
    if (store.isEmpty()) {
      log.debug("The system of record is not an embedded H2 file; nothing to compact");
      return;
    }
    MVStore mvStore = store.get();
    int rewriteBytes = (int) Math.min(Integer.MAX_VALUE, settings.rewritePerStep().toBytes());
    MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
    Gauge.builder("gdx.ledger.store.chunks.fill", mvStore, EmbeddedStoreCompaction::chunksFillRate)
        .description("Percentage of live data in the embedded H2 file's chunks")
        .baseUnit("percent")
        .register(registry);
    // A step holds the store lock that commits wait for: its time bounds the pause it adds.
    Timer steps = Timer.builder("gdx.ledger.store.compaction")
        .description("Compaction steps of the embedded H2 file")
        .register(registry);
    loop = new BackgroundLoop("ledger-store-compaction", () -> steps.record(() -> step(mvStore, rewriteBytes)),
        settings.interval(), Duration.ofMinutes(1));
    loop.start();
  }

  @Override
  public synchronized void stop() {
    if (loop != null) {
      loop.stop();
      loop = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return loop != null;
  }

  /**
   * The store of {@code dataSource}, if it is an H2 database opened in this JVM and kept in a
   * file; empty for PostgreSQL, an H2 server or an in-memory H2 database.
   */
  static Optional<MVStore> embeddedFileStore(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isWrapperFor(JdbcConnection.class)
          || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
        return Optional.empty();
      }
      var database = session.getDatabase();
      return database.isPersistent() && database.getStore() != null
          ? Optional.of(database.getStore().getMvStore()) : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the system of record to look for an embedded H2 file", e);
    }
  }

  /** One bounded compaction step; never reports more work, so the loop keeps its fixed pace. */
  static boolean step(MVStore store, int rewriteBytes) {
    if (!store.isClosed()) {
      store.compact(TARGET_FILL_RATE, rewriteBytes);
    }
    return false;
  }

  /** Percentage of live data in the store's chunks (low: the file is mostly dead pages). */
  static int chunksFillRate(MVStore store) {
    return store.isClosed() ? 0 : store.getFileStore().getChunksFillRate();
  }
}
