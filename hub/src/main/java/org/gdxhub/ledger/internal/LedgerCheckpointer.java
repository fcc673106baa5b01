package org.gdxhub.ledger.internal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.gdxhub.ledger.LedgerCheckpoint;
import org.gdxhub.ledger.LedgerProperties;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes signed checkpoints: one at every multiple of {@code every-entries}, and one at the
 * chain head whenever its oldest unsigned entry is older than {@code every}. It runs beside the
 * append path, never inside it, so a slow signing backend (Vault) cannot slow lookups, and after
 * a restart it catches up on every multiple it missed. Several hub instances may run it: the
 * checkpoint's primary key makes the second writer of the same checkpoint back off.
 */
public class LedgerCheckpointer {

  private static final Logger log = LoggerFactory.getLogger(LedgerCheckpointer.class);

  private final JdbcLedgerStore entries;
  private final JdbcCheckpointStore checkpoints;
  private final SigningService signing;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final LedgerProperties.Checkpoint config;

  public LedgerCheckpointer(JdbcLedgerStore entries, JdbcCheckpointStore checkpoints, SigningService signing,
      TransactionTemplate tx, Clock clock, LedgerProperties.Checkpoint config) {
    if (config.everyEntries() < 1) {
      throw new IllegalArgumentException("hub.ledger.checkpoint.every-entries must be at least 1");
    }
    this.entries = entries;
    this.checkpoints = checkpoints;
    this.signing = signing;
    this.tx = tx;
    this.clock = clock;
    this.config = config;
  }

  /** Writes every checkpoint that is due now; returns the new ones. */
  public synchronized List<LedgerCheckpoint> checkpointDue() {
    List<LedgerCheckpoint> written = new ArrayList<>();
    JdbcLedgerStore.Head head = entries.head();
    long signed = checkpoints.latest().map(LedgerCheckpoint::seq).orElse(0L);
    long n = config.everyEntries();
    for (long seq = (signed / n + 1) * n; seq <= head.lastSeq(); seq += n) {
      Optional<JdbcLedgerStore.StoredHash> entry = entries.storedHash(seq);
      if (entry.isEmpty()) {
        log.warn("ledger entry {} is missing; not checkpointing it (run the ledger verification)", seq);
        return written;
      }
      sign(seq, entry.get().hash()).ifPresent(written::add);
      signed = seq;
    }
    if (head.lastSeq() > signed) {
      Instant oldestUnsigned = entries.storedHash(signed + 1).map(JdbcLedgerStore.StoredHash::recordedAt).orElse(null);
      if (oldestUnsigned != null && Duration.between(oldestUnsigned, clock.instant()).compareTo(config.every()) >= 0) {
        sign(head.lastSeq(), head.lastHash()).ifPresent(written::add);
      }
    }
    return written;
  }

  /** Signs the current chain head now (an auditor about to export), unless it is signed already. */
  public synchronized Optional<LedgerCheckpoint> checkpointHead() {
    JdbcLedgerStore.Head head = entries.head();
    if (head.lastSeq() == 0) {
      return Optional.empty();
    }
    Optional<LedgerCheckpoint> existing = checkpoints.at(head.lastSeq());
    return existing.isPresent() ? existing : sign(head.lastSeq(), head.lastHash());
  }

  /** The certificate that verifies new checkpoints. */
  public X509Certificate certificate() {
    return signing.certificate(config.keyName());
  }

  private Optional<LedgerCheckpoint> sign(long seq, String entryHash) {
    Instant at = LedgerHashing.truncate(clock.instant());
    DetachedSignature signature = signing.sign(config.keyName(), LedgerCheckpoint.payload(seq, entryHash, at));
    var checkpoint = new LedgerCheckpoint(seq, entryHash, at, signature.keyId(), signature.algorithm(),
        Base64.getEncoder().encodeToString(signature.value()));
    try {
      tx.executeWithoutResult(s -> {
        if (!checkpoints.hasCertificate(signature.keyId())) {
          checkpoints.insertCertificate(signature.keyId(), Signatures.toPem(certificate()), at);
        }
        checkpoints.insert(checkpoint);
      });
      log.debug("ledger checkpoint at seq {} signed by key {}", seq, signature.keyId());
      return Optional.of(checkpoint);
    } catch (DuplicateKeyException e) {
      log.debug("ledger checkpoint at seq {} was written by another instance", seq);
      return Optional.empty();
    }
  }
}
