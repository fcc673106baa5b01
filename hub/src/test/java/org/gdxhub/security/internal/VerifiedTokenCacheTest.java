package org.gdxhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

  static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");

  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  final AtomicInteger verifications = new AtomicInteger();

  /** Verifies "good-*" tokens (valid one hour from T0) and rejects anything else, as the real decoder would. */
  final JwtDecoder delegate = token -> {
    verifications.incrementAndGet();
    if (!token.startsWith("good-") || !now.get().isBefore(T0.plus(Duration.ofHours(1)))) {
      throw new BadJwtException("invalid or expired: " + token);
    }
    return Jwt.withTokenValue(token).header("alg", "ES256").subject("officer-001").issuedAt(T0)
        .expiresAt(T0.plus(Duration.ofHours(1))).build();
  };

  final VerifiedTokenCache cache = new VerifiedTokenCache(delegate, new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }, 2);

  @Test
  void verifiesATokenOnceUntilItExpires() {
    assertThat(cache.decode("good-a").getSubject()).isEqualTo("officer-001");
    assertThat(cache.decode("good-a").getSubject()).isEqualTo("officer-001");
    assertThat(verifications).hasValue(1);

    now.set(T0.plus(Duration.ofHours(1)));
    assertThatThrownBy(() -> cache.decode("good-a")).isInstanceOf(BadJwtException.class);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void onlyTheVerifiedBytesMatch() {
    cache.decode("good-a");
    assertThatThrownBy(() -> cache.decode("good-a-tampered-suffix".replace("good", "bad")))
        .isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> cache.decode("bad-a")).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> cache.decode("bad-a")).isInstanceOf(BadJwtException.class);
    assertThat(verifications).hasValue(4);
  }

  @Test
  void staysBounded() {
    cache.decode("good-a");
    cache.decode("good-b");
    cache.decode("good-c"); // full: emptied, then c remembered
    cache.decode("good-c");
    cache.decode("good-a");
    assertThat(verifications).hasValue(4);
  }
}
