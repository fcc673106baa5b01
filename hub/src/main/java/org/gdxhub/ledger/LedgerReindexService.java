package org.gdxhub.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.gdxhub.cluster.SingletonJobs;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the search index from the system of record, which stays the source of truth.
 * Entries are read in seq order in batches; after each batch the index durably stores the
 * last seq it holds (its reindex checkpoint), so a reindex that stops — crash, restart,
 * {@code limit} reached — resumes after that entry. A fresh reindex empties the index first.
 * The same step, run every {@code hub.ledger.search.follow-interval}, keeps the index caught
 * up with the ledger on its own.
 */
public class LedgerReindexService implements AutoCloseable {

  /** The job name of the follow step in the run-once lock table. */
  public static final String FOLLOW_JOB = "ledger-index-follow";

  private static final Logger log = LoggerFactory.getLogger(LedgerReindexService.class);

  /** Progress of the current or last reindex. */
  public record ReindexStatus(String backend, String state, boolean fresh, long indexed, long total,
      long lastSeq, double entriesPerSecond, Instant startedAt, Instant finishedAt, String error) {

    public static final String IDLE = "idle";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
  }

  private final JdbcLedgerStore store;
  private final LedgerIndex index;
  private final int batchSize;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();
  private final java.util.concurrent.atomic.AtomicBoolean job = new java.util.concurrent.atomic.AtomicBoolean();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("ledger-reindex").daemon(true).factory());
  private ScheduledExecutorService follower;
  private volatile ReindexStatus status;

  public LedgerReindexService(JdbcLedgerStore store, LedgerIndex index, int batchSize, Clock clock) {
    this.store = store;
    this.index = index;
    this.batchSize = batchSize;
    this.clock = clock;
    this.status = new ReindexStatus(index.name(), ReindexStatus.IDLE, false, 0, 0, index.reindexCheckpoint(), 0,
        null, null, null);
  }

  public ReindexStatus status() {
    return status;
  }

  /** Starts a reindex in the background and returns at once; 409 when one is already running. */
  public ReindexStatus start(boolean fresh) {
    if (!job.compareAndSet(false, true)) {
      throw new HubException(ErrorCode.INVALID_STATE, "a reindex of the " + index.name() + " index is running");
    }
    status = new ReindexStatus(index.name(), ReindexStatus.RUNNING, fresh, 0, 0, index.reindexCheckpoint(), 0,
        clock.instant(), null, null);
    worker.submit(() -> {
      running.lock();
      try {
        runLocked(fresh, 0);
      } catch (RuntimeException e) {
        log.error("reindex of the {} index failed", index.name(), e);
      } finally {
        running.unlock();
        job.set(false);
      }
    });
    return status;
  }

  /**
   * Reindexes in the calling thread.
   *
   * @param limit stop after about this many entries (whole batches; 0 = all), to resume later
   */
  public ReindexStatus run(boolean fresh, long limit) {
    running.lock();
    try {
      return runLocked(fresh, limit);
    } finally {
      running.unlock();
    }
  }

  /** Indexes every entry after the checkpoint that the index lacks, unless a reindex is running. */
  public long catchUp() {
    return catchUp(Instant.MAX);
  }

  /**
   * Indexes the entries after the checkpoint that the index lacks, and moves the checkpoint past
   * them, unless a reindex is running. Entries recorded at or after {@code settledBefore} are
   * left to the relay, which is about to deliver them: the checkpoint stops before the first.
   * Entries the relay did deliver are only looked up, not indexed again.
   *
   * @return how many entries it indexed
   */
  public long catchUp(Instant settledBefore) {
    if (!running.tryLock()) {
      return 0;
    }
    try {
      long indexed = 0;
      long last = index.reindexCheckpoint();
      while (true) {
        List<JdbcLedgerStore.EntryKey> keys = store.keysAfter(last, batchSize);
        int settled = 0;
        while (settled < keys.size() && keys.get(settled).recordedAt().isBefore(settledBefore)) {
          settled++;
        }
        if (settled == 0) {
          return indexed;
        }
        List<JdbcLedgerStore.EntryKey> batch = keys.subList(0, settled);
        Set<String> missing = index.missing(batch.stream().map(JdbcLedgerStore.EntryKey::id).toList());
        if (!missing.isEmpty()) {
          index.index(store.entries(batch.stream().filter(k -> missing.contains(k.id()))
              .map(JdbcLedgerStore.EntryKey::seq).toList()));
          indexed += missing.size();
        }
        last = batch.getLast().seq();
        index.saveReindexCheckpoint(last);
        if (settled < batchSize) {
          return indexed;
        }
      }
    } finally {
      running.unlock();
    }
  }

  /** Runs {@link #catchUp(Instant)} every {@code interval} until closed. */
  public synchronized void follow(java.time.Duration interval) {
    follow(interval, step -> step.run());
  }

  /**
   * Runs {@link #catchUp()} every {@code interval} until closed, on one instance at a time
   * (job {@value #FOLLOW_JOB}): for an index that several hub instances share.
   */
  public synchronized void follow(java.time.Duration interval, SingletonJobs jobs) {
    follow(interval, step -> jobs.runExclusively(FOLLOW_JOB, java.time.Duration.ofMinutes(10), step));
  }

  private void follow(java.time.Duration interval, java.util.function.Consumer<Runnable> runner) {
    if (follower != null || interval.isZero() || interval.isNegative()) {
      return;
    }
    follower = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ledger-index-follow")
        .daemon(true).factory());
    follower.scheduleWithFixedDelay(() -> {
      try {
        runner.accept(() -> {
          // Entries younger than one interval are the relay's to deliver.
          long n = catchUp(clock.instant().minus(interval));
          if (n > 0) {
            log.debug("ledger index {} caught up {} entries", index.name(), n);
          }
        });
      } catch (RuntimeException e) {
        log.warn("ledger index {} could not catch up: {}", index.name(), e.getMessage());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ReindexStatus runLocked(boolean fresh, long limit) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    long indexed = 0;
    long last = 0;
    long total = 0;
    try {
      if (fresh) {
        index.deleteAll();
      }
      last = index.reindexCheckpoint();
      total = store.countAfter(last);
      if (limit > 0) {
        total = Math.min(total, limit);
      }
      status = new ReindexStatus(index.name(), ReindexStatus.RUNNING, fresh, 0, total, last, 0, started, null, null);
      log.info("reindex of the {} index: {} entries after seq {}{}", index.name(), total, last,
          fresh ? " (from scratch)" : "");
      long lastLog = t0;
      while (limit <= 0 || indexed < limit) {
        int size = limit > 0 ? (int) Math.min(batchSize, limit - indexed) : batchSize;
        List<LedgerEntry> batch = store.entriesAfter(last, size);
        if (batch.isEmpty()) {
          break;
        }
        index.index(batch);
        last = batch.getLast().seq();
        index.saveReindexCheckpoint(last);
        indexed += batch.size();
        total = Math.max(total, indexed);
        long now = System.nanoTime();
        status = new ReindexStatus(index.name(), ReindexStatus.RUNNING, fresh, indexed, total, last,
            rate(indexed, now - t0), started, null, null);
        if (now - lastLog > 5_000_000_000L) {
          lastLog = now;
          log.info("reindex of the {} index: {}/{} ({} entries/s)", index.name(), indexed, total,
              Math.round(status.entriesPerSecond()));
        }
      }
      index.refresh();
      status = new ReindexStatus(index.name(), ReindexStatus.COMPLETED, fresh, indexed, total, last,
          rate(indexed, System.nanoTime() - t0), started, clock.instant(), null);
      log.info("reindex of the {} index done: {} entries, {} entries/s", index.name(), indexed,
          Math.round(status.entriesPerSecond()));
      return status;
    } catch (RuntimeException e) {
      status = new ReindexStatus(index.name(), ReindexStatus.FAILED, fresh, indexed, total, last,
          rate(indexed, System.nanoTime() - t0), started, clock.instant(), e.getMessage());
      throw e;
    }
  }

  private static double rate(long entries, long nanos) {
    return nanos <= 0 ? 0 : Math.round(entries * 1e10 / nanos) / 10.0;
  }

  @Override
  public synchronized void close() {
    if (follower != null) {
      follower.shutdownNow();
    }
    worker.shutdownNow();
  }
}
