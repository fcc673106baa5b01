package org.gdxhub.archive.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.gdxhub.archive.ArchivedDocument;
import org.gdxhub.archive.DocumentKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The archive's metadata and signing certificates in the system of record (table {@code archive_document}). */
public class JdbcArchiveStore {

  private final JdbcClient jdbc;

  public JdbcArchiveStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(ArchivedDocument d) {
    jdbc.sql("""
        insert into archive_document (id, kind, reference, title, created_at, agency, unit, officer, dataset_id,
            ledger_entry_id, source_ledger_entry_id, subject_type, subject_pseudonym, period, content_hash,
            file_hash, file_size, has_csv, key_id, retain_until, content_deleted_at, revoked_at, revoked_by,
            revocation_reason)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(d.id(), d.kind().wire(), d.reference(), d.title(), utc(d.createdAt()), d.agency(), d.unit(),
            d.officer(), d.datasetId(), d.ledgerEntryId(), d.sourceLedgerEntryId(), d.subjectType(),
            d.subjectPseudonym(), d.period(), d.contentHash(), d.fileHash(), d.fileSize(), d.hasCsv(), d.keyId(),
            utc(d.retainUntil()), utc(d.contentDeletedAt()), utc(d.revokedAt()), d.revokedBy(),
            d.revocationReason())
        .update();
  }

  public Optional<ArchivedDocument> find(String id) {
    return jdbc.sql("select * from archive_document where id = ?").param(id).query((rs, n) -> document(rs))
        .optional();
  }

  public List<ArchivedDocument> findByFileHash(String fileHash) {
    return jdbc.sql("select * from archive_document where file_hash = ? order by created_at").param(fileHash)
        .query((rs, n) -> document(rs)).list();
  }

  /** Extracts about a subject (by pseudonym), newest first. */
  public List<ArchivedDocument> extractsAbout(String subjectPseudonym) {
    return jdbc.sql("select * from archive_document where subject_pseudonym = ? and kind = 'extract'"
        + " order by created_at desc").param(subjectPseudonym).query((rs, n) -> document(rs)).list();
  }

  /** Reports of the month, or every report when {@code period} is null; newest first. */
  public List<ArchivedDocument> reports(String period) {
    if (period == null) {
      return jdbc.sql("select * from archive_document where kind = 'report' order by created_at desc")
          .query((rs, n) -> document(rs)).list();
    }
    return jdbc.sql("select * from archive_document where kind = 'report' and period = ? order by created_at desc")
        .param(period).query((rs, n) -> document(rs)).list();
  }

  public boolean reportExists(String period) {
    return jdbc.sql("select count(*) from archive_document where kind = 'report' and period = ?").param(period)
        .query(Long.class).single() > 0;
  }

  /** Documents past their retention whose bytes are still there, oldest first. */
  public List<ArchivedDocument> expired(Instant asOf, int limit) {
    return jdbc.sql("select * from archive_document where retain_until <= ? and content_deleted_at is null"
        + " order by retain_until limit ?").params(utc(asOf), limit).query((rs, n) -> document(rs)).list();
  }

  public boolean markContentDeleted(String id, Instant at) {
    return jdbc.sql("update archive_document set content_deleted_at = ? where id = ? and content_deleted_at is null")
        .params(utc(at), id).update() == 1;
  }

  public boolean revoke(String id, Instant at, String by, String reason) {
    return jdbc.sql("update archive_document set revoked_at = ?, revoked_by = ?, revocation_reason = ?"
        + " where id = ? and revoked_at is null").params(utc(at), by, reason, id).update() == 1;
  }

  /** Remembers a certificate that signed documents (idempotent). */
  public void rememberSigningKey(String keyId, String certificatePem, Instant at) {
    if (signingKey(keyId).isEmpty()) {
      try {
        jdbc.sql("insert into archive_signing_key (key_id, certificate_pem, first_used_at) values (?, ?, ?)")
            .params(keyId, certificatePem, utc(at)).update();
      } catch (org.springframework.dao.DuplicateKeyException e) {
        // another instance remembered it first: same key id, same certificate
      }
    }
  }

  public Optional<String> signingKey(String keyId) {
    return jdbc.sql("select certificate_pem from archive_signing_key where key_id = ?").param(keyId)
        .query(String.class).optional();
  }

  private static ArchivedDocument document(ResultSet rs) throws SQLException {
    return new ArchivedDocument(rs.getString("id"), DocumentKind.fromWire(rs.getString("kind")),
        rs.getString("reference"), rs.getString("title"), instant(rs, "created_at"), rs.getString("agency"),
        rs.getString("unit"), rs.getString("officer"), rs.getString("dataset_id"), rs.getString("ledger_entry_id"),
        rs.getString("source_ledger_entry_id"), rs.getString("subject_type"), rs.getString("subject_pseudonym"),
        rs.getString("period"), rs.getString("content_hash"), rs.getString("file_hash"), rs.getLong("file_size"),
        rs.getBoolean("has_csv"), rs.getString("key_id"), instant(rs, "retain_until"),
        instant(rs, "content_deleted_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
        rs.getString("revocation_reason"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
