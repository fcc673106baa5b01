package org.gdxhub.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.gdxhub.common.JsonText;
import org.gdxhub.common.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's admin stream: a separate hash-chained table ({@code admin_audit_event}) of every
 * administrative change. It stores digests, not the states themselves, so it never holds a
 * secret or a citizen ID; the states stay in their own tables. Appends take the row lock of
 * {@code admin_audit_head} first, so appends from several hub instances form one chain.
 */
@Service
public class AdminAuditService {

  static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;
  private final Clock clock;

  public AdminAuditService(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Appends one change; {@code before}/{@code after} are digested as JSON (null: none). */
  @Transactional
  public synchronized AdminAuditEvent record(String actor, String action, String target, Object before, Object after) {
    // Held until the transaction ends: another hub instance's append waits, then sees this event.
    jdbc.sql("select id from admin_audit_head where id = 1 for update").query(Integer.class).single();
    AdminAuditEvent last = jdbc.sql("select * from admin_audit_event order by seq desc limit 1")
        .query(AdminAuditService::map).optional().orElse(null);
    long seq = last == null ? 1 : last.seq() + 1;
    String prev = last == null ? GENESIS : last.hash();
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String id = UUID.randomUUID().toString();
    String beforeDigest = digestOf(before);
    String afterDigest = digestOf(after);
    String safeActor = actor == null ? "unknown" : actor;
    String hash = hash(prev, seq, id, at, safeActor, action, target, beforeDigest, afterDigest);
    jdbc.sql("""
        insert into admin_audit_event (seq, id, recorded_at, actor, action, target, before_digest, after_digest,
          prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(seq, id, at.atOffset(ZoneOffset.UTC), safeActor, action, target, beforeDigest, afterDigest, prev, hash)
        .update();
    return new AdminAuditEvent(seq, id, at, safeActor, action, target, beforeDigest, afterDigest, prev, hash);
  }

  /** Events newest first. */
  public List<AdminAuditEvent> events(int limit, int offset) {
    return jdbc.sql("select * from admin_audit_event order by seq desc limit ? offset ?").params(limit, offset)
        .query(AdminAuditService::map).list();
  }

  /** Recomputes the chain; the first broken seq, or -1 when intact. */
  public long firstBroken() {
    String prev = GENESIS;
    long expected = 1;
    for (AdminAuditEvent e : jdbc.sql("select * from admin_audit_event order by seq").query(AdminAuditService::map)
        .list()) {
      if (e.seq() != expected || !e.prevHash().equals(prev) || !e.hash().equals(hash(prev, e.seq(), e.id(),
          e.recordedAt(), e.actor(), e.action(), e.target(), e.beforeDigest(), e.afterDigest()))) {
        return e.seq();
      }
      prev = e.hash();
      expected++;
    }
    return -1;
  }

  public long count() {
    return jdbc.sql("select count(*) from admin_audit_event").query(Long.class).single();
  }

  static String digestOf(Object state) {
    return state == null ? null : Sha256.hex(JsonText.write(state));
  }

  static String hash(String prev, long seq, String id, Instant at, String actor, String action, String target,
      String before, String after) {
    return Sha256.hex(String.join("\n", prev, Long.toString(seq), id, at.toString(), actor, action, target,
        String.valueOf(before), String.valueOf(after)));
  }

  private static AdminAuditEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new AdminAuditEvent(rs.getLong("seq"), rs.getString("id"),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("action"),
        rs.getString("target"), rs.getString("before_digest"), rs.getString("after_digest"), rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}
