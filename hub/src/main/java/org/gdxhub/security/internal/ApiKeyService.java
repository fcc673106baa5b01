package org.gdxhub.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.Roles;
import org.gdxhub.security.SecurityEvents;
import org.gdxhub.security.SecurityProperties;
import org.springframework.context.ApplicationEventPublisher;

/**
 * API keys for system-to-system callers: each bound to one agency and unit with fixed roles.
 * A key is {@code gdx_} + 32 random bytes (base64url); the hub stores only its SHA-256, so a
 * leaked database does not leak usable keys. Keys also come from configuration
 * ({@code hub.security.api-keys}, again as SHA-256), e.g. the OPA server's bundle credential.
 */
class ApiKeyService {

  record IssuedApiKey(String id, String secret, JdbcApiKeyStore.StoredApiKey key) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcApiKeyStore store;
  private final SecurityProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ApiKeyService(JdbcApiKeyStore store, SecurityProperties properties, ApplicationEventPublisher events, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  /** The caller a key stands for, if it is a known, unrevoked key. */
  Optional<CallerIdentity> authenticate(String secret) {
    if (secret == null || secret.isBlank() || secret.length() > 200) {
      return Optional.empty();
    }
    String hash = sha256(secret.trim());
    for (SecurityProperties.ConfiguredApiKey configured : properties.apiKeys()) {
      if (MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
          String.valueOf(configured.sha256()).toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
        return Optional.of(new CallerIdentity(configured.agency(), configured.unit(), "system:" + configured.name(),
            new HashSet<>(CallerAuthentication.knownRoles(configured.roles() == null ? List.of() : configured.roles()))));
      }
    }
    return store.activeBySecretHash(hash).map(k -> new CallerIdentity(k.agency(), k.unit(), "system:" + k.name(),
        new HashSet<>(CallerAuthentication.knownRoles(k.roles()))));
  }

  IssuedApiKey issue(CallerIdentity actor, String name, String agency, String unit, List<String> roles) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{1,99}")) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "name must be 2-100 lowercase letters, digits or '-'");
    }
    if (agency == null || !agency.matches("[a-z0-9][a-z0-9-]{1,63}") || unit == null
        || !unit.matches("[a-z0-9][a-z0-9-]{1,63}")) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "agency and unit are codes of 2-64 lowercase letters, digits or '-'");
    }
    if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "roles must be a non-empty subset of " + Roles.ALL);
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = "gdx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    var key = new JdbcApiKeyStore.StoredApiKey(UUID.randomUUID().toString(), name, agency, unit,
        List.copyOf(roles), clock.instant(), actor.agency() + "/" + actor.officer(), null);
    store.insert(key, sha256(secret));
    events.publishEvent(new SecurityEvents.ApiKeyIssued(key.createdBy(), key.id(), name, agency, unit, key.roles()));
    return new IssuedApiKey(key.id(), secret, key);
  }

  List<JdbcApiKeyStore.StoredApiKey> list() {
    return store.all();
  }

  void revoke(CallerIdentity actor, String id) {
    if (store.byId(id).isEmpty()) {
      throw new HubException(ErrorCode.NOT_FOUND, "no API key " + id);
    }
    if (!store.revoke(id, clock.instant())) {
      throw new HubException(ErrorCode.INVALID_STATE, "API key " + id + " is already revoked");
    }
    events.publishEvent(new SecurityEvents.ApiKeyRevoked(actor.agency() + "/" + actor.officer(), id));
  }

  static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
