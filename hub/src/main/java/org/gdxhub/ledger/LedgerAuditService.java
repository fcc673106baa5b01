package org.gdxhub.ledger;

import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdxhub.ledger.LedgerVerification.Kind;
import org.gdxhub.ledger.internal.ChainVerifier;
import org.gdxhub.ledger.internal.JdbcCheckpointStore;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.ledger.internal.LedgerCheckpointer;
import org.gdxhub.ledger.internal.LedgerExporter;
import org.gdxhub.security.Signatures;
import org.springframework.stereotype.Service;

/**
 * What an auditor needs to trust the ledger: signed checkpoints, the certificate that
 * verifies them, a full verification (chain and checkpoints), and exports of a range that the
 * offline verifier ({@code ledger-verify}) checks without the hub (ADR 0004).
 */
@Service
public class LedgerAuditService {

  private static final int PAGE = 2000;

  private final JdbcLedgerStore entries;
  private final JdbcCheckpointStore checkpoints;
  private final LedgerCheckpointer checkpointer;
  private final Clock clock;

  public LedgerAuditService(JdbcLedgerStore entries, JdbcCheckpointStore checkpoints, LedgerCheckpointer checkpointer,
      Clock clock) {
    this.entries = entries;
    this.checkpoints = checkpoints;
    this.checkpointer = checkpointer;
    this.clock = clock;
  }

  /**
   * Recomputes every hash and link in chain order, checks every checkpoint against the hub's
   * current signing certificate, and that the chain head matches the last entry.
   */
  public LedgerVerification verify() {
    X509Certificate certificate = checkpointer.certificate();
    var verifier = new ChainVerifier(Map.of(Signatures.keyId(certificate), certificate));
    JdbcLedgerStore.Head head = entries.head();
    Deque<LedgerCheckpoint> pending = new ArrayDeque<>(checkpoints.range(1, head.lastSeq()));
    entries.forEachRow(1, head.lastSeq(), PAGE, stored -> {
      long seq = stored.row().seq();
      while (!pending.isEmpty() && pending.peekFirst().seq() < seq) {
        verifier.checkpoint(pending.pollFirst());
      }
      verifier.entry(stored.row(), stored.hash());
      while (!pending.isEmpty() && pending.peekFirst().seq() == seq) {
        verifier.checkpoint(pending.pollFirst());
      }
    });
    pending.forEach(verifier::checkpoint);
    if (!verifier.broken() && verifier.lastSeq() != head.lastSeq()) {
      verifier.fail(verifier.lastSeq() + 1, null, Kind.TRUNCATED,
          "the chain head records entry " + head.lastSeq() + " but the ledger ends at " + verifier.lastSeq());
    }
    return verifier.result();
  }

  /** Writes entries {@code fromSeq..toSeq} (clipped to the chain) with their checkpoints and certificates. */
  public void export(long fromSeq, long toSeq, OutputStream out) {
    var exporter = new LedgerExporter(entries, checkpoints);
    exporter.export(exporter.range(fromSeq, toSeq), out, clock.instant());
  }

  public List<LedgerCheckpoint> checkpoints(long fromSeq, long toSeq) {
    return checkpoints.range(fromSeq, toSeq);
  }

  /** Signs the chain head now, unless it is signed already; empty when the ledger is empty. */
  public Optional<LedgerCheckpoint> checkpointNow() {
    return checkpointer.checkpointHead();
  }

  /** PEM of the certificate that verifies new checkpoints; give it to auditors for {@code ledger-verify --certificate}. */
  public String certificatePem() {
    return Signatures.toPem(checkpointer.certificate());
  }
}
