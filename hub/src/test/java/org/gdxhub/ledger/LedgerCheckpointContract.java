package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.gdxhub.ledger.LedgerTestSupport.MutableClock;
import org.gdxhub.ledger.LedgerVerification.Kind;
import org.gdxhub.ledger.internal.JdbcCheckpointStore;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.ledger.internal.LedgerCheckpointer;
import org.gdxhub.ledger.internal.LedgerExportVerifier;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints, the online verification that checks them, and exports checked by the
 * offline verifier, against a real system-of-record database. Subclasses supply H2 or PostgreSQL.
 */
abstract class LedgerCheckpointContract {

  static final String KEY = "ledger-checkpoint";

  @TempDir
  Path dir;
  TestDatabase db;
  JdbcClient jdbc;
  TransactionTemplate tx;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
  LedgerService ledger;
  SigningService signing;
  JdbcCheckpointStore checkpoints;
  LedgerCheckpointer checkpointer;
  LedgerAuditService audit;

  protected abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    jdbc = JdbcClient.create(db.ds());
    tx = new TransactionTemplate(new DataSourceTransactionManager(db.ds()));
    JdbcLedgerStore store = new JdbcLedgerStore(jdbc);
    ledger = new LedgerService(store, clock);
    signing = SigningService.localKeystore(dir.resolve("keys.p12"), "test");
    checkpoints = new JdbcCheckpointStore(jdbc);
    checkpointer = new LedgerCheckpointer(store, checkpoints, signing, tx, clock,
        new LedgerProperties.Checkpoint(true, 5, Duration.ofSeconds(30), KEY));
    audit = new LedgerAuditService(store, checkpoints, checkpointer, clock);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void signsEveryNthEntryAndCatchesUpOnMissedOnes() {
    LedgerTestSupport.append(ledger, tx, 12);
    List<LedgerCheckpoint> written = checkpointer.checkpointDue();

    assertThat(written).extracting(LedgerCheckpoint::seq).containsExactly(5L, 10L);
    X509Certificate certificate = signing.certificate(KEY);
    for (LedgerCheckpoint c : written) {
      assertThat(c.entryHash()).isEqualTo(ledgerHash(c.seq()));
      assertThat(c.keyId()).isEqualTo(Signatures.keyId(certificate));
      assertThat(Signatures.verify(certificate, c.algorithm(), c.payload(), Base64.getDecoder().decode(c.signature())))
          .isTrue();
    }
    assertThat(checkpoints.range(1, 100)).isEqualTo(written);
    assertThat(checkpoints.certificates()).containsOnlyKeys(Signatures.keyId(certificate));
    assertThat(checkpointer.checkpointDue()).as("nothing new is due").isEmpty();
  }

  @Test
  void signsTheHeadOnceItsOldestUnsignedEntryIsOlderThanTheInterval() {
    LedgerTestSupport.append(ledger, tx, 3);
    clock.advance(Duration.ofSeconds(29));
    assertThat(checkpointer.checkpointDue()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(checkpointer.checkpointDue()).extracting(LedgerCheckpoint::seq).containsExactly(3L);
    assertThat(checkpointer.checkpointDue()).isEmpty();

    LedgerTestSupport.append(ledger, tx, 1);
    clock.advance(Duration.ofSeconds(31));
    assertThat(checkpointer.checkpointDue()).extracting(LedgerCheckpoint::seq).containsExactly(4L);
  }

  @Test
  void verificationChecksTheChainAndEveryCheckpoint() {
    LedgerTestSupport.append(ledger, tx, 12);
    checkpointer.checkpointDue();

    LedgerVerification v = audit.verify();
    assertThat(v.valid()).as("%s", v.firstBroken()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(12);
    assertThat(v.checkpointsChecked()).isEqualTo(2);
    assertThat(v.signedThroughSeq()).isEqualTo(10);
    assertThat(v.unsignedEntries()).isEqualTo(2);

    assertThat(audit.checkpointNow()).get().extracting(LedgerCheckpoint::seq).isEqualTo(12L);
    assertThat(audit.verify().unsignedEntries()).isZero();
  }

  @Test
  void verificationDetectsAForgedCheckpointSignature() {
    LedgerTestSupport.append(ledger, tx, 10);
    checkpointer.checkpointDue();
    // Someone with database access re-points checkpoint 5 at a hash of their choosing and
    // re-signs it: without the hub's key the signature cannot match.
    DetachedSignature other = signing.sign(KEY, "something else".getBytes());
    jdbc.sql("update ledger_checkpoint set signature = ? where seq = 5")
        .param(Base64.getEncoder().encodeToString(other.value())).update();

    LedgerVerification v = audit.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBroken().kind()).isEqualTo(Kind.CHECKPOINT_SIGNATURE);
    assertThat(v.firstBroken().seq()).isEqualTo(5);
    assertThat(v.entriesChecked()).isEqualTo(5);
  }

  @Test
  void verificationDetectsACheckpointSignedByAnotherKey() {
    LedgerTestSupport.append(ledger, tx, 5);
    SigningService forger = SigningService.localKeystore(dir.resolve("forger.p12"), "x");
    Instant at = clock.instant();
    DetachedSignature signature = forger.sign(KEY, LedgerCheckpoint.payload(5, ledgerHash(5), at));
    checkpoints.insert(new LedgerCheckpoint(5, ledgerHash(5), at, signature.keyId(), signature.algorithm(),
        Base64.getEncoder().encodeToString(signature.value())));

    LedgerVerification v = audit.verify();
    assertThat(v.firstBroken().kind()).isEqualTo(Kind.UNKNOWN_KEY);
    assertThat(v.firstBroken().seq()).isEqualTo(5);
  }

  @Test
  void verificationDetectsRewrittenHistoryThroughTheCheckpoint() {
    LedgerTestSupport.append(ledger, tx, 10);
    checkpointer.checkpointDue();
    // A forger rewrites entry 3 and recomputes every hash after it: the chain is consistent
    // again, but checkpoint 5 still signs the original hash.
    jdbc.sql("update ledger_entry set purpose = 'marketing' where seq = 3").update();
    rehashFrom(3);
    assertThat(ledger.verify().valid()).as("the bare chain is fooled").isTrue();

    LedgerVerification v = audit.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBroken().kind()).isEqualTo(Kind.CHECKPOINT_MISMATCH);
    assertThat(v.firstBroken().seq()).isEqualTo(5);
  }

  @Test
  void verificationDetectsATruncatedTail() {
    LedgerTestSupport.append(ledger, tx, 7);
    jdbc.sql("delete from ledger_entry where seq = 7").update();

    LedgerVerification v = audit.verify();
    assertThat(v.firstBroken().kind()).isEqualTo(Kind.TRUNCATED);
    assertThat(v.firstBroken().seq()).isEqualTo(7);
  }

  @Test
  void anExportVerifiesOfflineWholeAndInPart() {
    LedgerTestSupport.append(ledger, tx, 12);
    checkpointer.checkpointDue();
    X509Certificate certificate = Signatures.fromPem(audit.certificatePem()).getFirst();

    LedgerExportVerifier.Result whole = LedgerExportVerifier.verify(export(1, Long.MAX_VALUE), List.of(certificate));
    assertThat(whole.verification().valid()).as("%s", whole.verification().firstBroken()).isTrue();
    assertThat(whole.verification().entriesChecked()).isEqualTo(12);
    assertThat(whole.verification().checkpointsChecked()).isEqualTo(2);
    assertThat(whole.verification().unsignedEntries()).isEqualTo(2);
    assertThat(whole.trustFromExport()).isFalse();

    // A range that starts mid-chain: its first link is vouched for by checkpoint 5.
    LedgerExportVerifier.Result part = LedgerExportVerifier.verify(export(3, 8), List.of(certificate));
    assertThat(part.verification().valid()).isTrue();
    assertThat(part.verification().firstSeq()).isEqualTo(3);
    assertThat(part.verification().lastSeq()).isEqualTo(8);
    assertThat(part.verification().signedThroughSeq()).isEqualTo(5);

    // Without --certificate, the export's own certificates are used (and said so).
    LedgerExportVerifier.Result selfTrusted = LedgerExportVerifier.verify(export(1, 12), List.of());
    assertThat(selfTrusted.verification().valid()).isTrue();
    assertThat(selfTrusted.trustFromExport()).isTrue();
    assertThat(selfTrusted.trustedKeyIds()).containsExactly(Signatures.keyId(certificate));
  }

  private ByteArrayInputStream export(long from, long to) {
    var out = new ByteArrayOutputStream();
    audit.export(from, to, out);
    return new ByteArrayInputStream(out.toByteArray());
  }

  private String ledgerHash(long seq) {
    return jdbc.sql("select hash from ledger_entry where seq = ?").param(seq).query(String.class).single();
  }

  /** What a forger with write access would do: recompute hashes and links from {@code seq} on. */
  private void rehashFrom(long seq) {
    String prev = ledgerHash(seq - 1);
    long last = jdbc.sql("select max(seq) from ledger_entry").query(Long.class).single();
    JdbcLedgerStore store = new JdbcLedgerStore(jdbc);
    for (long s = seq; s <= last; s++) {
      jdbc.sql("update ledger_entry set prev_hash = ? where seq = ?").params(prev, s).update();
      var row = new Object() {
        org.gdxhub.ledger.internal.LedgerHashing.Row value;
      };
      store.forEachRow(s, s, 1, stored -> row.value = stored.row());
      String hash = org.gdxhub.ledger.internal.LedgerHashing.hash(row.value);
      jdbc.sql("update ledger_entry set hash = ? where seq = ?").params(hash, s).update();
      prev = hash;
    }
    jdbc.sql("update ledger_head set last_hash = ? where id = 1").param(prev).update();
  }
}
