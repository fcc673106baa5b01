package org.gdxhub.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the security module, under {@code hub.security.*}.
 *
 * @param keystorePath the local PKCS#12 keystore, created with fresh keys on first start
 * @param keystorePassword its password; set {@code HUB_SECURITY_KEYSTORE_PASSWORD} outside demos
 * @param localIssuer the embedded token issuer; off when an external IdP issues the tokens
 * @param claims claim names in the tokens (an external IdP may use others)
 * @param demoUsers user name → identity; {@code POST /api/v1/auth/token} exists only when this is not empty
 * @param apiKeys API keys given by configuration (SHA-256 of the secret, never the secret), e.g. for OPA
 * @param rateLimit per-officer lookup rate limit
 * @param secrets which secrets backend holds keys and connector credentials
 * @param clientCertificates agency systems authenticated by TLS client certificates (optional mutual TLS)
 */
@ConfigurationProperties("hub.security")
public record SecurityProperties(
    @DefaultValue("./data/keys/hub-keys.p12") String keystorePath,
    @DefaultValue("gdx-hub-demo") String keystorePassword,
    @DefaultValue LocalIssuer localIssuer,
    @DefaultValue Claims claims,
    Map<String, DemoUser> demoUsers,
    List<ConfiguredApiKey> apiKeys,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue Secrets secrets,
    List<ClientCertificate> clientCertificates) {

  public SecurityProperties {
    demoUsers = demoUsers == null ? Map.of() : Map.copyOf(demoUsers);
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
  }

  /**
   * @param enabled sign and accept the hub's own tokens (embedded default)
   * @param issuer the {@code iss} claim of the hub's tokens
   * @param tokenTtl lifetime of a demo user's token
   */
  public record LocalIssuer(@DefaultValue("true") boolean enabled, @DefaultValue("gdx-hub-local") String issuer,
      @DefaultValue("8h") Duration tokenTtl) {}

  /** Names of the claims that carry the caller's identity. */
  public record Claims(@DefaultValue("agency") String agency, @DefaultValue("unit") String unit,
      @DefaultValue("officer") String officer, @DefaultValue("roles") String roles) {}

  /** A demo user of the local issuer. */
  public record DemoUser(String agency, String unit, String officer, List<String> roles) {}

  /**
   * An API key from configuration.
   *
   * @param sha256 lowercase hex SHA-256 of the key's secret
   */
  public record ConfiguredApiKey(String name, String agency, String unit, List<String> roles, String sha256) {}

  /**
   * An agency system that authenticates with a TLS client certificate. The TLS layer checks the
   * chain against {@code server.ssl.trust-store} (with {@code server.ssl.client-auth=want}); only
   * a certificate whose subject is listed here becomes a caller, bound to this agency and unit.
   *
   * @param subject the certificate's subject distinguished name, e.g. {@code CN=welfare-system,OU=registration,O=bangrak-district-office}
   */
  public record ClientCertificate(String subject, String agency, String unit, List<String> roles) {}

  /**
   * @param lookupsPerMinute lookups one officer may make per minute; 0 turns the limit off
   */
  public record RateLimit(@DefaultValue("120") int lookupsPerMinute) {}

  /**
   * @param backend {@code keystore} (embedded) or {@code vault}
   * @param vault the Vault server, when the backend is vault
   */
  public record Secrets(@DefaultValue("keystore") String backend, @DefaultValue Vault vault) {}

  /**
   * @param address e.g. {@code https://vault.example:8200}
   * @param token the Vault token (prefer the environment variable HUB_SECURITY_SECRETS_VAULT_TOKEN)
   * @param kvMount KV v2 mount for connector credentials
   * @param kvPath path under the mount; a source's credentials are at {@code <kvPath>/<name>}
   * @param transitMount Transit mount for the HMAC, encryption and signing keys
   * @param renewEvery how often to renew the token
   */
  public record Vault(String address, String token, @DefaultValue("secret") String kvMount,
      @DefaultValue("gdx-hub/connectors") String kvPath, @DefaultValue("transit") String transitMount,
      @DefaultValue("30m") Duration renewEvery) {}
}
