package org.gdxhub.ledger.internal;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

import org.gdxhub.ledger.LedgerCheckpoint;
import org.gdxhub.ledger.LedgerVerification;
import org.gdxhub.ledger.LedgerVerification.Kind;
import org.gdxhub.ledger.LedgerVerification.Problem;
import org.gdxhub.security.Signatures;

/**
 * The one verification algorithm, fed entry by entry and checkpoint by checkpoint in chain
 * order, from the database (online) or from an export file (offline). Each checkpoint must come
 * right after the entry it signs. It stops at the first problem.
 *
 * <p>A range that does not start at seq 1 cannot check its first link against a predecessor,
 * but it needs to: the first valid checkpoint's signature covers the first entry's hash chain.
 */
public final class ChainVerifier {

  private final Map<String, X509Certificate> trusted;
  private long checked;
  private long checkpointsChecked;
  private Long firstSeq;
  private long lastSeq;
  private String lastHash;
  private Long signedThrough;
  private Problem problem;

  /** @param trusted certificates by key id ({@link Signatures#keyId}) whose checkpoint signatures are accepted */
  public ChainVerifier(Map<String, X509Certificate> trusted) {
    this.trusted = Map.copyOf(trusted);
  }

  public boolean broken() {
    return problem != null;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public void entry(LedgerHashing.Row row, String storedHash) {
    if (problem != null) {
      return;
    }
    if (firstSeq == null) {
      if (row.seq() == 1 && !LedgerHashing.GENESIS_HASH.equals(row.prevHash())) {
        fail(row.seq(), row.id(), Kind.LINK, "entry 1 must link to the genesis hash (64 zeros)");
        return;
      }
    } else if (row.seq() != lastSeq + 1) {
      if (row.seq() > lastSeq + 1) {
        fail(lastSeq + 1, null, Kind.GAP, row.seq() - lastSeq - 1 == 1 ? "entry " + (lastSeq + 1) + " is missing"
            : "entries " + (lastSeq + 1) + ".." + (row.seq() - 1) + " are missing");
      } else {
        fail(row.seq(), row.id(), Kind.GAP, "entry " + row.seq() + " is out of order or duplicated (after " + lastSeq + ")");
      }
      return;
    } else if (!row.prevHash().equals(lastHash)) {
      fail(row.seq(), row.id(), Kind.LINK, "prev_hash does not match the previous entry's hash");
      return;
    }
    if (!LedgerHashing.hash(row).equals(storedHash)) {
      fail(row.seq(), row.id(), Kind.CONTENT_HASH, "content does not match its hash");
      return;
    }
    if (firstSeq == null) {
      firstSeq = row.seq();
    }
    checked++;
    lastSeq = row.seq();
    lastHash = storedHash;
  }

  public void checkpoint(LedgerCheckpoint c) {
    if (problem != null) {
      return;
    }
    if (firstSeq == null || c.seq() != lastSeq) {
      fail(c.seq(), null, Kind.CHECKPOINT_MISMATCH, c.seq() > lastSeq
          ? "checkpoint signs entry " + c.seq() + ", which is missing"
          : "checkpoint for entry " + c.seq() + " is out of place (after entry " + lastSeq + ")");
      return;
    }
    if (!c.entryHash().equals(lastHash)) {
      fail(c.seq(), null, Kind.CHECKPOINT_MISMATCH,
          "checkpoint signs hash " + c.entryHash() + " but the entry hashes to " + lastHash);
      return;
    }
    X509Certificate certificate = trusted.get(c.keyId());
    if (certificate == null) {
      fail(c.seq(), null, Kind.UNKNOWN_KEY, "checkpoint is signed by key " + c.keyId() + ", which is not trusted");
      return;
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(c.signature());
    } catch (IllegalArgumentException e) {
      fail(c.seq(), null, Kind.CHECKPOINT_SIGNATURE, "checkpoint signature is not base64");
      return;
    }
    boolean verified;
    try {
      verified = Signatures.verify(certificate, c.algorithm(), c.payload(), signature);
    } catch (RuntimeException e) {
      verified = false; // unknown or unusable algorithm named by the checkpoint
    }
    if (!verified) {
      fail(c.seq(), null, Kind.CHECKPOINT_SIGNATURE,
          "checkpoint signature does not verify with " + certificate.getSubjectX500Principal().getName());
      return;
    }
    checkpointsChecked++;
    signedThrough = c.seq();
  }

  /** Records a problem found outside the chain itself (format, truncation). */
  public void fail(long seq, String id, Kind kind, String detail) {
    if (problem == null) {
      problem = new Problem(seq, id, kind, detail);
    }
  }

  public LedgerVerification result() {
    long unsigned = firstSeq == null ? 0 : lastSeq - (signedThrough == null ? firstSeq - 1 : signedThrough);
    return new LedgerVerification(problem == null, checked, firstSeq, firstSeq == null ? null : lastSeq,
        checkpointsChecked, signedThrough, problem == null ? unsigned : 0, problem);
  }
}
