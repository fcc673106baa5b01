package org.gdxhub.ledger.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.gdxhub.ledger.DecisionRecord;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Group commit of ledger appends (ADR 0015). Callers hand their entry to one writer thread and
 * wait; the writer takes whatever has queued up (at most {@code maxBatch}; when two or more
 * wait, or entries have lately been arriving at 1.5 or more per linger, it collects more for up
 * to {@code linger}) and appends it in one transaction under one
 * lock of the chain head, then releases each caller — only after the commit, so nothing is
 * served before its entry is durable. Under load that is one head lock and one commit for many
 * lookups instead of one each, while the chain, the decision records and the usage counts are
 * exactly what single appends would have written. If a batch fails, its entries are retried one
 * transaction each, so one bad entry fails only its own caller.
 */
public class LedgerGroupCommit implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LedgerGroupCommit.class);
  private static final long RATE_WINDOW_MILLIS = 100;
  private static final double BUSY_ENTRIES_PER_LINGER = 1.5;

  private record Pending(JdbcLedgerStore.Append append, CompletableFuture<LedgerEntry> done) {}

  private final JdbcLedgerStore store;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final LedgerProperties.GroupCommit settings;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final DistributionSummary batchSizes;
  private final Thread writer;
  private volatile boolean running = true;
  /** The writer's estimate of the arrival rate: entries it took since {@link #windowStart}. Writer thread only. */
  private long windowEntries;
  private long windowStart = System.nanoTime();
  /** Whether, at the last window's rate, more entries are likely within one linger. Writer thread only. */
  private boolean busy;

  public LedgerGroupCommit(JdbcLedgerStore store, PlatformTransactionManager transactions, Clock clock,
      LedgerProperties.GroupCommit settings) {
    this(store, transactions, clock, settings, new SimpleMeterRegistry());
  }

  public LedgerGroupCommit(JdbcLedgerStore store, PlatformTransactionManager transactions, Clock clock,
      LedgerProperties.GroupCommit settings, MeterRegistry meters) {
    this.store = store;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.settings = settings;
    this.batchSizes = DistributionSummary.builder("gdx.ledger.group-commit.entries")
        .description("ledger entries appended per group-commit transaction").register(meters);
    this.writer = settings.enabled() ? Thread.ofPlatform().name("ledger-group-commit").daemon().start(this::run) : null;
  }

  /**
   * Appends durably: returns once the entry's transaction has committed.
   *
   * @throws RuntimeException what the store or the transaction threw (the caller maps it)
   */
  public LedgerEntry append(ExchangeRecord exchange, DecisionRecord decision) {
    if (writer == null) {
      return tx.execute(status -> store.append(exchange, decision, clock.instant()));
    }
    if (!running) {
      throw new IllegalStateException("the ledger is shutting down");
    }
    var pending = new Pending(new JdbcLedgerStore.Append(exchange, decision), new CompletableFuture<>());
    queue.add(pending);
    try {
      return pending.done().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("ledger append failed", e.getCause());
    } catch (InterruptedException e) {
      // The entry may still be written; this caller will not hear of it and must serve nothing.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the ledger", e);
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(settings.maxBatch());
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, settings.maxBatch() - 1);
        linger(batch);
        noteArrivals(batch.size());
        batchSizes.record(batch.size());
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        // write() completes every caller itself; this keeps the writer alive after the unexpected.
        log.error("ledger group commit writer", e);
      } finally {
        // No caller may wait forever: whatever was not completed has no durable entry. Only the
        // rare leftover gets an exception: building one per written entry (a stack trace on the
        // one writer thread, every append) was a hot spot in the lookup profile (issue #9).
        for (Pending p : batch) {
          if (!p.done().isDone()) {
            p.done().completeExceptionally(new IllegalStateException("the ledger writer failed"));
          }
        }
        batch.clear();
      }
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("the ledger is shutting down"));
    }
  }

  /**
   * Waits up to {@code linger} for more entries when this batch is not the only one waiting, or
   * when the hub is busy: each commit rewrites the last page of every table and index it
   * touches, so a few more entries per commit cost little more than one. At moderate load most
   * batches would be a lone entry, and the writer's CPU per entry was three times that at full
   * load (issue #9). A quiet hub, or a single caller appending one entry after another, never
   * waits.
   */
  private void linger(List<Pending> batch) throws InterruptedException {
    if (settings.linger().isZero() || (batch.size() < 2 && !busy)) {
      return;
    }
    long deadline = System.nanoTime() + settings.linger().toNanos();
    while (batch.size() < settings.maxBatch()) {
      long left = deadline - System.nanoTime();
      Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return;
      }
      batch.add(next);
      queue.drainTo(batch, settings.maxBatch() - batch.size());
    }
  }

  /**
   * Re-estimates every {@value #RATE_WINDOW_MILLIS} ms whether the hub is busy: whether at least
   * {@value #BUSY_ENTRIES_PER_LINGER} entries arrived per linger. A single caller that waits the
   * linger before each next append arrives at most once per linger, so it cannot keep the writer
   * lingering for itself.
   */
  private void noteArrivals(int entries) {
    windowEntries += entries;
    long now = System.nanoTime();
    long elapsed = now - windowStart;
    if (elapsed >= TimeUnit.MILLISECONDS.toNanos(RATE_WINDOW_MILLIS)) {
      busy = windowEntries * (double) settings.linger().toNanos() >= BUSY_ENTRIES_PER_LINGER * elapsed;
      windowEntries = 0;
      windowStart = now;
    }
  }

  private void write(List<Pending> batch) {
    try {
      List<JdbcLedgerStore.Append> appends = batch.stream().map(Pending::append).toList();
      List<LedgerEntry> entries = tx.execute(status -> store.appendAll(appends, clock.instant()));
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(entries.get(i));
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.getFirst().done().completeExceptionally(e);
        return;
      }
      log.warn("ledger group commit of {} entries failed ({}); appending them one by one", batch.size(),
          e.toString());
      for (Pending p : batch) {
        try {
          p.done().complete(tx.execute(status -> store.appendAll(List.of(p.append()), clock.instant()).getFirst()));
        } catch (RuntimeException single) {
          p.done().completeExceptionally(single);
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (writer != null) {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    }
  }
}
