package org.gdxhub.security.internal;

import java.util.Optional;

import org.gdxhub.connectors.CredentialsProvider;
import org.gdxhub.security.SecretsBackend;

/** Connector credentials from the secrets backend (Vault KV v2): fields {@code username} and {@code password}. */
class VaultCredentialsProvider implements CredentialsProvider {

  private final SecretsBackend secrets;

  VaultCredentialsProvider(SecretsBackend secrets) {
    this.secrets = secrets;
  }

  @Override
  public Optional<Credentials> credentials(String name) {
    return secrets.readSecret(name).filter(s -> s.containsKey("password"))
        .map(s -> new Credentials(s.get("username"), s.get("password")));
  }
}
