package org.gdxhub.ledger.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.gdxhub.ledger.LedgerEntry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves ledger entries to the publisher (ADRs 0005 and 0019). The ledger is its own outbox: one
 * step locks the relay cursor, reads the entries after it, publishes them and advances the
 * cursor, in one transaction. A failed publish rolls back (the cursor stays, the next step sends
 * the same entries); a crash after publishing and before the commit publishes them again. So
 * every entry is delivered at least once, and consumers index idempotently by entry id.
 */
public class OutboxRelay {

  private final JdbcRelayCursor cursor;
  private final JdbcLedgerStore entries;
  private final LedgerPublisher publisher;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int batchSize;

  public OutboxRelay(JdbcRelayCursor cursor, JdbcLedgerStore entries, LedgerPublisher publisher,
      TransactionTemplate tx, Clock clock, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("hub.ledger.relay.batch-size must be at least 1");
    }
    this.cursor = cursor;
    this.entries = entries;
    this.publisher = publisher;
    this.tx = tx;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /**
   * Publishes the next batch of entries and advances the cursor past them.
   *
   * @return how many were published (0 when there is nothing new, or another relay holds the cursor)
   * @throws RuntimeException when publishing failed; the cursor stays where it was
   */
  public int relayOnce() {
    try {
      Integer published = tx.execute(status -> {
        Optional<Long> from = cursor.claim();
        if (from.isEmpty()) {
          return 0;
        }
        List<LedgerEntry> batch = entries.entriesAfter(from.get(), batchSize);
        if (batch.isEmpty()) {
          return 0;
        }
        publisher.publish(batch);
        cursor.advance(from.get(), batch.getLast().seq(), clock.instant());
        return batch.size();
      });
      return published == null ? 0 : published;
    } catch (RuntimeException e) {
      try {
        tx.executeWithoutResult(status -> cursor.countFailedAttempt());
      } catch (RuntimeException ignored) {
        // the database itself may be what failed; the original error is what matters
      }
      throw e;
    }
  }

  /**
   * One step of the background loop.
   *
   * @return true when a full batch went out, so more may be waiting
   */
  public boolean step() {
    return relayOnce() == batchSize;
  }

  /** Relays until nothing is left (used by tests and on demand). */
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
    return cursor.unsentCount();
  }

  public String publisherName() {
    return publisher.name();
  }
}
