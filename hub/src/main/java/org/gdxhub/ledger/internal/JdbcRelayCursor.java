package org.gdxhub.ledger.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where the relay stands in the ledger (ADR 0019): the sequence number of the newest entry it has
 * published. Appenders take the chain head lock and commit in sequence order, so every entry
 * after the cursor is committed and unpublished, and none is skipped. {@link #claim} locks the one
 * row ({@code for update skip locked}) so that relays on several hub instances never publish the
 * same entries at the same time; it must run inside the transaction that publishes and advances.
 */
@Repository
public class JdbcRelayCursor {

  private final JdbcClient jdbc;

  public JdbcRelayCursor(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The cursor, locked until the transaction ends; empty when another relay holds it. */
  public Optional<Long> claim() {
    return jdbc.sql("select last_seq from ledger_relay_cursor where id = 1 for update skip locked")
        .query(Long.class)
        .optional();
  }

  /** Moves the cursor past the entries just published and clears the failure count. */
  public void advance(long fromSeq, long toSeq, Instant at) {
    int moved = jdbc.sql("update ledger_relay_cursor set last_seq = ?, failed_attempts = 0, updated_at = ?"
            + " where id = 1 and last_seq = ?")
        .params(toSeq, at.atOffset(ZoneOffset.UTC), fromSeq)
        .update();
    if (moved != 1) {
      throw new IllegalStateException("the relay cursor moved while this relay held it");
    }
  }

  /** Counts a failed publish, for operators looking at a relay that is stuck. */
  public void countFailedAttempt() {
    jdbc.sql("update ledger_relay_cursor set failed_attempts = failed_attempts + 1 where id = 1").update();
  }

  public int failedAttempts() {
    return jdbc.sql("select failed_attempts from ledger_relay_cursor where id = 1").query(Integer.class).single();
  }

  /** Committed entries the relay has not published yet: chain head minus cursor, two one-row reads. */
  public long unsentCount() {
    return jdbc.sql("select h.last_seq - c.last_seq from ledger_head h, ledger_relay_cursor c where h.id = 1 and c.id = 1")
        .query(Long.class)
        .single();
  }
}
