package org.gdxhub.security.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.gdxhub.security.SecretsBackend;
import org.gdxhub.security.SecurityProperties;
import org.gdxhub.security.SigningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The secrets contract on a real Vault server (dev mode is enough: {@code vault server -dev}
 * with the Transit engine enabled at {@code transit/} and KV v2 at {@code secret/}). Runs with
 * {@code -Dgdx.vault.addr=http://127.0.0.1:8200 -Dgdx.vault.token=...}; without them it is
 * skipped, with the reason, never counted as a pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultSecretsBackendIT extends SecretsBackendContract {

  static final String NO_SERVER = "No Vault-API server can run here: `go install github.com/hashicorp/vault@...`"
      + " fails (its go.mod has replace directives), OpenBao is not served by the Go module proxy, and there is no"
      + " Docker engine for Testcontainers' Vault module. Run with -Dgdx.vault.addr=<url> -Dgdx.vault.token=<token>"
      + " against a Vault server (transit/ and secret/ (KV v2) enabled) to run this contract for real.";

  VaultSecretsBackend vault;

  @BeforeEach
  void connect() {
    String address = System.getProperty("gdx.vault.addr");
    assumeTrue(address != null && !address.isBlank(), NO_SERVER);
    if (vault != null) {
      return;
    }
    vault = new VaultSecretsBackend(new SecurityProperties.Vault(address,
        System.getProperty("gdx.vault.token", System.getenv("VAULT_TOKEN")), "secret", "gdx-hub-test/connectors",
        "transit", Duration.ofMinutes(30)));
  }

  @AfterAll
  void close() {
    if (vault != null) {
      vault.close();
    }
  }

  @Override
  SecretsBackend backend() {
    return vault;
  }

  @Override
  SigningService signing() {
    return new VaultSigningService(vault);
  }
}
