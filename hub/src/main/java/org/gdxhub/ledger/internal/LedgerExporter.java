package org.gdxhub.ledger.internal;

import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.gdxhub.ledger.LedgerCheckpoint;

/**
 * Writes a range of the ledger, with its checkpoints and every signing certificate, as an
 * export ({@link LedgerExportWriter}). Used by the API and by the {@code ledger-export}
 * command, which connects to the database without starting the hub.
 */
public final class LedgerExporter {

  private static final int PAGE = 2000;

  private final JdbcLedgerStore entries;
  private final JdbcCheckpointStore checkpoints;

  public LedgerExporter(JdbcLedgerStore entries, JdbcCheckpointStore checkpoints) {
    this.entries = entries;
    this.checkpoints = checkpoints;
  }

  /** The range actually exported: {@code from} at least 1, {@code to} at most the chain head. */
  public record Range(long fromSeq, long toSeq) {}

  public Range range(long fromSeq, long toSeq) {
    return new Range(Math.max(1, fromSeq), Math.min(toSeq, entries.head().lastSeq()));
  }

  /** Writes entries {@code range} and the checkpoints among them; returns how many entries. */
  public long export(Range range, OutputStream out, Instant now) {
    Deque<LedgerCheckpoint> pending = new ArrayDeque<>(checkpoints.range(range.fromSeq(), range.toSeq()));
    List<String> certificates = List.copyOf(checkpoints.certificates().values());
    var writer = new LedgerExportWriter(out);
    writer.header(range.fromSeq(), range.toSeq(), now, certificates);
    long[] count = {0};
    entries.forEachRow(range.fromSeq(), range.toSeq(), PAGE, stored -> {
      long seq = stored.row().seq();
      // A checkpoint whose entry is gone still goes out, where the verifier will flag it.
      while (!pending.isEmpty() && pending.peekFirst().seq() < seq) {
        writer.checkpoint(pending.pollFirst());
      }
      writer.entry(stored.row(), stored.hash());
      count[0]++;
      while (!pending.isEmpty() && pending.peekFirst().seq() == seq) {
        writer.checkpoint(pending.pollFirst());
      }
    });
    pending.forEach(writer::checkpoint);
    writer.end();
    return count[0];
  }
}
