package org.gdxhub.ledger.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox of the ledger (rows are written by {@link JdbcLedgerStore#append}).
 * {@link #claimUnsent} locks the rows it returns ({@code for update skip locked}) so that relays
 * on several hub instances do not publish the same rows at the same time; it must run inside
 * the transaction that publishes and then marks them.
 */
@Repository
public class JdbcLedgerOutbox {

  private final JdbcClient jdbc;

  public JdbcLedgerOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Sequence numbers of up to {@code limit} unsent entries, oldest first, locked until the transaction ends. */
  public List<Long> claimUnsent(int limit) {
    return jdbc.sql("select entry_seq from ledger_outbox where sent_at is null order by entry_seq limit ? for update skip locked")
        .param(limit)
        .query(Long.class)
        .list();
  }

  public void markSent(List<Long> seqs, Instant at) {
    if (!seqs.isEmpty()) {
      jdbc.sql("update ledger_outbox set sent_at = :at, attempts = attempts + 1 where entry_seq in (:seqs)")
          .param("at", at.atOffset(ZoneOffset.UTC))
          .param("seqs", seqs)
          .update();
    }
  }

  /** Counts a failed publish against the oldest unsent rows, for operators looking at stuck rows. */
  public void countFailedAttempt(int limit) {
    jdbc.sql("""
        update ledger_outbox set attempts = attempts + 1 where entry_seq in (
            select entry_seq from ledger_outbox where sent_at is null order by entry_seq limit ?)""")
        .param(limit)
        .update();
  }

  public long unsentCount() {
    return jdbc.sql("select count(*) from ledger_outbox where sent_at is null").query(Long.class).single();
  }

  /** Deletes rows sent before {@code cutoff}; they only mattered until published. */
  public int deleteSentBefore(Instant cutoff) {
    return jdbc.sql("delete from ledger_outbox where sent_at < ?").param(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
        .update();
  }
}
