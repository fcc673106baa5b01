package org.gdxhub.security.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.gdxhub.common.JsonText;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys in the system of record (table {@code api_key}), found by the SHA-256 of their secret. */
class JdbcApiKeyStore {

  record StoredApiKey(String id, String name, String agency, String unit, List<String> roles, Instant createdAt,
      String createdBy, Instant revokedAt) {}

  private final JdbcClient jdbc;

  JdbcApiKeyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredApiKey key, String secretSha256) {
    jdbc.sql("""
        insert into api_key (id, name, agency, unit, roles, secret_sha256, created_at, created_by)
        values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(key.id(), key.name(), key.agency(), key.unit(), JsonText.write(key.roles()), secretSha256,
            utc(key.createdAt()), key.createdBy())
        .update();
  }

  Optional<StoredApiKey> activeBySecretHash(String secretSha256) {
    return jdbc.sql("select * from api_key where secret_sha256 = ? and revoked_at is null").param(secretSha256)
        .query(JdbcApiKeyStore::map).optional();
  }

  List<StoredApiKey> all() {
    return jdbc.sql("select * from api_key order by created_at, id").query(JdbcApiKeyStore::map).list();
  }

  Optional<StoredApiKey> byId(String id) {
    return jdbc.sql("select * from api_key where id = ?").param(id).query(JdbcApiKeyStore::map).optional();
  }

  boolean revoke(String id, Instant at) {
    return jdbc.sql("update api_key set revoked_at = ? where id = ? and revoked_at is null").params(utc(at), id)
        .update() == 1;
  }

  private static StoredApiKey map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
    return new StoredApiKey(rs.getString("id"), rs.getString("name"), rs.getString("agency"), rs.getString("unit"),
        JsonText.readList(rs.getString("roles")), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("created_by"), revoked == null ? null : revoked.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
