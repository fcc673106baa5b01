package org.gdxhub.ledger.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gdxhub.ledger.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves ledger entries from the outbox to the publisher (ADR 0005). One step claims the oldest
 * unsent rows, publishes their entries, and marks them sent, in one transaction: a failed
 * publish rolls back and leaves the rows for the next step; a crash after publishing and before
 * the commit publishes them again. So every entry is delivered at least once, and consumers
 * index idempotently by entry id.
 */
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

  private final JdbcLedgerOutbox outbox;
  private final JdbcLedgerStore entries;
  private final LedgerPublisher publisher;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int batchSize;
  private final Duration keepSent;
  private Instant lastCleanup = Instant.MIN;

  public OutboxRelay(JdbcLedgerOutbox outbox, JdbcLedgerStore entries, LedgerPublisher publisher,
      TransactionTemplate tx, Clock clock, int batchSize, Duration keepSent) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("hub.ledger.relay.batch-size must be at least 1");
    }
    this.outbox = outbox;
    this.entries = entries;
    this.publisher = publisher;
    this.tx = tx;
    this.clock = clock;
    this.batchSize = batchSize;
    this.keepSent = keepSent;
  }

  /**
   * Publishes one batch of unsent entries and marks them sent.
   *
   * @return how many were published (0 when the outbox is empty)
   * @throws RuntimeException when publishing failed; the rows stay unsent
   */
  public int relayOnce() {
    try {
      Integer published = tx.execute(status -> {
        List<Long> seqs = outbox.claimUnsent(batchSize);
        if (seqs.isEmpty()) {
          return 0;
        }
        List<LedgerEntry> batch = entries.entries(seqs);
        publisher.publish(batch);
        outbox.markSent(seqs, clock.instant());
        return seqs.size();
      });
      return published == null ? 0 : published;
    } catch (RuntimeException e) {
      try {
        tx.executeWithoutResult(status -> outbox.countFailedAttempt(batchSize));
      } catch (RuntimeException ignored) {
        // the database itself may be what failed; the original error is what matters
      }
      throw e;
    }
  }

  /**
   * One step of the background loop: a batch, and now and then the removal of old sent rows.
   *
   * @return true when a full batch went out, so more may be waiting
   */
  public boolean step() {
    int published = relayOnce();
    if (published > 0) {
      log.debug("relayed {} ledger entries to {}", published, publisher.name());
    }
    Instant now = clock.instant();
    if (published < batchSize && Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) >= 0) {
      lastCleanup = now;
      int deleted = tx.execute(status -> outbox.deleteSentBefore(now.minus(keepSent)));
      if (deleted > 0) {
        log.debug("deleted {} sent outbox rows older than {}", deleted, keepSent);
      }
    }
    return published == batchSize;
  }

  /** Relays until the outbox is empty (used by tests and on demand). */
  public long drain() {
    long total = 0;
    int published;
    do {
      published = relayOnce();
      total += published;
    } while (published == batchSize);
    return total;
  }

  public long unsentCount() {
    return outbox.unsentCount();
  }

  public String publisherName() {
    return publisher.name();
  }
}
