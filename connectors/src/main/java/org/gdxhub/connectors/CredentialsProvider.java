package org.gdxhub.connectors;

import java.util.Optional;

/**
 * Where connectors get the credentials of the owners' systems. Configuration names a
 * credential ({@code hub.connectors.sources.<name>.credentials}); the secret itself never
 * appears in properties. The embedded default reads environment variables, then a local
 * PKCS#12 keystore; the security module can supply a Vault-backed bean instead, which
 * replaces the default (see ADR 0007).
 */
public interface CredentialsProvider {

  /** The credentials stored under {@code name}, or empty when there are none. */
  Optional<Credentials> credentials(String name);

  /** A user name and its secret (password, API key). {@link #toString()} never shows the secret. */
  record Credentials(String username, String secret) {

    @Override
    public String toString() {
      return "Credentials[username=" + username + ", secret=***]";
    }
  }
}
