package org.gdxhub.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdxhub.ledger.LedgerCheckpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Signed checkpoints and the certificates that signed them, in the system of record. */
@Repository
public class JdbcCheckpointStore {

  private final JdbcClient jdbc;

  public JdbcCheckpointStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<LedgerCheckpoint> latest() {
    return jdbc.sql("select * from ledger_checkpoint order by seq desc limit 1")
        .query((rs, n) -> checkpoint(rs)).optional();
  }

  public Optional<LedgerCheckpoint> at(long seq) {
    return jdbc.sql("select * from ledger_checkpoint where seq = ?").param(seq)
        .query((rs, n) -> checkpoint(rs)).optional();
  }

  /** Checkpoints with {@code fromSeq <= seq <= toSeq}, in order. */
  public List<LedgerCheckpoint> range(long fromSeq, long toSeq) {
    return jdbc.sql("select * from ledger_checkpoint where seq >= ? and seq <= ? order by seq")
        .params(fromSeq, toSeq)
        .query((rs, n) -> checkpoint(rs)).list();
  }

  /** Inserts a checkpoint; fails with a duplicate-key error when another writer got there first. */
  public void insert(LedgerCheckpoint c) {
    jdbc.sql("""
        insert into ledger_checkpoint (seq, entry_hash, signed_at, key_id, algorithm, signature)
        values (?, ?, ?, ?, ?, ?)""")
        .params(c.seq(), c.entryHash(), utc(c.signedAt()), c.keyId(), c.algorithm(), c.signature())
        .update();
  }

  public boolean hasCertificate(String keyId) {
    return jdbc.sql("select count(*) from ledger_signing_key where key_id = ?").param(keyId)
        .query(Long.class).single() > 0;
  }

  public void insertCertificate(String keyId, String certificatePem, Instant firstUsedAt) {
    jdbc.sql("insert into ledger_signing_key (key_id, certificate_pem, first_used_at) values (?, ?, ?)")
        .params(keyId, certificatePem, utc(firstUsedAt))
        .update();
  }

  /** Every certificate that signed checkpoints, by key id, oldest first. */
  public Map<String, String> certificates() {
    Map<String, String> byKeyId = new LinkedHashMap<>();
    jdbc.sql("select key_id, certificate_pem from ledger_signing_key order by first_used_at, key_id")
        .query(rs -> {
          byKeyId.put(rs.getString("key_id"), rs.getString("certificate_pem"));
        });
    return byKeyId;
  }

  private static LedgerCheckpoint checkpoint(ResultSet rs) throws SQLException {
    return new LedgerCheckpoint(rs.getLong("seq"), rs.getString("entry_hash"),
        rs.getObject("signed_at", OffsetDateTime.class).toInstant(), rs.getString("key_id"), rs.getString("algorithm"),
        rs.getString("signature"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
