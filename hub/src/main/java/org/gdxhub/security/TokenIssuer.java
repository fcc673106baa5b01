package org.gdxhub.security;

import java.time.Duration;
import java.time.Instant;

import org.gdxhub.common.CallerIdentity;

/**
 * The hub's local token issuer (embedded default): signs JWTs whose claims carry the caller's
 * agency, unit, officer and roles with a key from the secrets backend. The same tokens are
 * accepted by the hub's resource server; in production an external IdP issues them instead
 * and this bean is absent ({@code hub.security.local-issuer.enabled=false}).
 */
public interface TokenIssuer {

  /** Signs a token for the caller, valid for {@code ttl} from now. */
  IssuedToken issue(CallerIdentity caller, Duration ttl);

  /** Signs a token issued at {@code issuedAt} (tests use a past time to make expired tokens). */
  IssuedToken issue(CallerIdentity caller, Instant issuedAt, Duration ttl);

  /** A signed token and when it expires. */
  record IssuedToken(String accessToken, Instant expiresAt) {}
}
