package org.gdxhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;

import org.gdxhub.connectors.CredentialsProvider;
import org.gdxhub.security.SecretsBackend;
import org.gdxhub.security.SecurityProperties;
import org.gdxhub.security.SigningService;
import org.gdxhub.testsupport.VaultServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The secrets contract on a real Vault server: the dev-mode server of {@link VaultServer}, from
 * the pinned vault binary that bin/test builds from the Go module proxy ({@code -Dgdx.vault.bin}),
 * or an external server given with {@code -Dgdx.vault.addr=<url> -Dgdx.vault.token=<token>}
 * (Transit at {@code transit/}, KV v2 at {@code secret/}). With neither it is skipped, with the
 * reason, never counted as a pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultSecretsBackendIT extends SecretsBackendContract {

  static final String NO_SERVER = "No Vault server given: run with bin/test (it builds the pinned vault from the Go"
      + " module proxy and passes -Dgdx.vault.bin=<path>), or pass -Dgdx.vault.bin=<vault binary>, or"
      + " -Dgdx.vault.addr=<url> -Dgdx.vault.token=<token> for a server with transit/ and secret/ (KV v2) enabled.";

  VaultSecretsBackend vault;
  String address;
  String token;

  @BeforeEach
  void connect() {
    if (vault != null) {
      return;
    }
    String address = System.getProperty("gdx.vault.addr");
    String token = System.getProperty("gdx.vault.token", System.getenv("VAULT_TOKEN"));
    if (address == null || address.isBlank()) {
      assumeTrue(VaultServer.configuredBinary() != null, NO_SERVER);
      address = VaultServer.shared().address();
      token = VaultServer.shared().rootToken();
    }
    this.address = address;
    this.token = token;
    vault = new VaultSecretsBackend(new SecurityProperties.Vault(address, token, "secret", "gdx-hub-test/connectors",
        "transit", Duration.ofMinutes(30)));
  }

  @Test
  void connectorCredentialsAreReadFromKvV2() {
    String name = "registry-" + suffix;
    // As an operator would: vault kv put secret/gdx-hub-test/connectors/<name> username=... password=...
    call("POST", "/v1/secret/data/gdx-hub-test/connectors/" + name, token,
        "{\"data\":{\"username\":\"gdx\",\"password\":\"s3cret\",\"note\":\"rotated monthly\"}}");
    var credentials = new VaultCredentialsProvider(vault);
    assertThat(credentials.credentials(name)).hasValue(new CredentialsProvider.Credentials("gdx", "s3cret"));
    assertThat(credentials.credentials("absent-" + suffix)).isEmpty();
  }

  @Test
  void theTokenIsRenewedOnSchedule() throws Exception {
    JsonObject created = Json.parse(call("POST", "/v1/auth/token/create", token,
        "{\"ttl\":\"1h\",\"renewable\":true,\"no_parent\":false}")).asObject();
    String child = created.get("auth").asObject().getString("client_token", null);
    assertThat(lookupSelf(child).get("last_renewal_time")).as("not renewed yet").satisfiesAnyOf(
        v -> assertThat(v).isNull(), v -> assertThat(v.asLong()).isZero());
    try (var renewing = new VaultSecretsBackend(new SecurityProperties.Vault(address, child, "secret",
        "gdx-hub-test/connectors", "transit", Duration.ofSeconds(1)))) {
      Instant deadline = Instant.now().plusSeconds(30);
      JsonValue renewed = null;
      while (Instant.now().isBefore(deadline)) {
        renewed = lookupSelf(child).get("last_renewal_time");
        if (renewed != null && renewed.asLong() > 0) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(renewed).as("the backend renewed its token").isNotNull();
      assertThat(renewed.asLong()).isPositive();
      assertThat(lookupSelf(child).getLong("ttl", 0)).isGreaterThan(3000);
      assertThat(renewing.currentKeyVersion("renewal-" + suffix)).as("the renewed token still works").isEqualTo(1);
    }
  }

  private JsonObject lookupSelf(String clientToken) {
    return Json.parse(call("GET", "/v1/auth/token/lookup-self", clientToken, null)).asObject().get("data").asObject();
  }

  private String call(String method, String path, String clientToken, String json) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address + path))
          .timeout(Duration.ofSeconds(10)).header("X-Vault-Token", clientToken).header("Content-Type", "application/json")
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
