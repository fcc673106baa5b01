package org.gdxhub.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens whose signature and claims were verified, until they expire (issue #9): an
 * officer's client sends the same bearer token on every lookup, and verifying its ES256
 * signature each time cost more CPU than the policy decision. The key is the whole token
 * (signature included), so only the very bytes that were verified match; expiry is checked on
 * every hit. Bounded: the map is emptied when it reaches {@code maxEntries}.
 */
final class VerifiedTokenCache implements JwtDecoder {

  private final JwtDecoder delegate;
  private final Clock clock;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

  VerifiedTokenCache(JwtDecoder delegate, Clock clock, int maxEntries) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Instant now = clock.instant();
    Jwt cached = verified.get(token);
    if (cached != null && usable(cached, now)) {
      return cached;
    }
    Jwt jwt = delegate.decode(token);
    if (jwt.getExpiresAt() != null) {
      if (verified.size() >= maxEntries) {
        verified.clear();
      }
      verified.put(token, jwt);
    }
    return jwt;
  }

  private boolean usable(Jwt jwt, Instant now) {
    boolean live = jwt.getExpiresAt().isAfter(now) && (jwt.getNotBefore() == null || !jwt.getNotBefore().isAfter(now));
    if (!live) {
      verified.remove(jwt.getTokenValue());
    }
    return live;
  }
}
