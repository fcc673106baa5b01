package org.gdxhub.security;

import java.util.List;

/** Administrative events of the security module, published for the admin audit stream. */
public final class SecurityEvents {

  private SecurityEvents() {}

  /** An API key was issued to an agency system; never carries the secret, only its id. */
  public record ApiKeyIssued(String actor, String keyId, String name, String agency, String unit, List<String> roles) {}

  /** An API key was revoked. */
  public record ApiKeyRevoked(String actor, String keyId) {}

  /** The pseudonymisation key moved to a new version; pseudonyms of every version stay searchable. */
  public record PseudonymKeyRotated(String actor, int fromVersion, int toVersion) {}
}
