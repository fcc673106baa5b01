package org.gdxhub.security.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.LogicalResponse;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.SecretsBackend;
import org.gdxhub.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SecretsBackend} on HashiCorp Vault: Transit for HMAC keys (versions, rotation) and
 * encryption, KV v2 for named secrets. The client is used with KV engine version 1 semantics
 * (no path rewriting) and builds the KV v2 paths itself ({@code <mount>/data/<path>}), so that
 * Transit paths are left alone. The token is renewed every {@code renewEvery}; the token
 * itself is never logged.
 */
class VaultSecretsBackend implements SecretsBackend, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VaultSecretsBackend.class);

  private final Vault vault;
  private final SecurityProperties.Vault settings;
  private final Map<String, Integer> currentVersions = new ConcurrentHashMap<>();
  private final ScheduledExecutorService renewal;

  VaultSecretsBackend(SecurityProperties.Vault settings) {
    if (settings.address() == null || settings.token() == null) {
      throw new IllegalStateException("hub.security.secrets.backend=vault needs hub.security.secrets.vault.address"
          + " and .token (HUB_SECURITY_SECRETS_VAULT_TOKEN)");
    }
    this.settings = settings;
    try {
      this.vault = Vault.create(new VaultConfig().address(settings.address()).token(settings.token())
          .engineVersion(1).build(), 1);
    } catch (VaultException e) {
      throw new IllegalStateException("cannot configure the Vault client for " + settings.address(), e);
    }
    this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gdx-vault-token-renewal");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, settings.renewEvery().toSeconds());
    renewal.scheduleWithFixedDelay(this::renewToken, every, every, TimeUnit.SECONDS);
  }

  Vault vault() {
    return vault;
  }

  String transit(String path) {
    return settings.transitMount() + "/" + path;
  }

  void renewToken() {
    try {
      vault.auth().renewSelf();
    } catch (VaultException e) {
      log.warn("Vault token renewal failed (HTTP {}); the hub retries at the next interval", e.getHttpStatusCode());
    }
  }

  @Override
  public String name() {
    return "vault";
  }

  @Override
  public int currentKeyVersion(String keyName) {
    return currentVersions.computeIfAbsent(keyName, this::readOrCreateKey);
  }

  @Override
  public List<Integer> keyVersions(String keyName) {
    JsonObject data = read(transit("keys/" + keyName)).getDataObject();
    int min = data.getInt("min_decryption_version", 1);
    int latest = data.getInt("latest_version", 1);
    List<Integer> versions = new ArrayList<>();
    for (int v = Math.max(min, 1); v <= latest; v++) {
      versions.add(v);
    }
    return versions;
  }

  @Override
  public synchronized int rotateKey(String keyName) {
    currentKeyVersion(keyName);
    write(transit("keys/" + keyName + "/rotate"), Map.of());
    currentVersions.remove(keyName);
    return currentKeyVersion(keyName);
  }

  @Override
  public byte[] hmac(String keyName, int version, byte[] data) {
    currentKeyVersion(keyName);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", Base64.getEncoder().encodeToString(data));
    body.put("key_version", version);
    String hmac = write(transit("hmac/" + keyName + "/sha2-256"), body).getData().get("hmac");
    return Base64.getDecoder().decode(hmac.substring(hmac.lastIndexOf(':') + 1));
  }

  @Override
  public String encrypt(String keyName, byte[] plaintext) {
    currentKeyVersion(keyName);
    return write(transit("encrypt/" + keyName), Map.of("plaintext", Base64.getEncoder().encodeToString(plaintext)))
        .getData().get("ciphertext");
  }

  @Override
  public byte[] decrypt(String keyName, String ciphertext) {
    if (ciphertext == null || !ciphertext.startsWith("vault:v")) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "not a Vault Transit ciphertext");
    }
    try {
      LogicalResponse response = vault.logical().write(transit("decrypt/" + keyName), Map.of("ciphertext", ciphertext));
      if (response.getRestResponse().getStatus() >= 400) {
        throw new HubException(ErrorCode.INVALID_REQUEST, "the ciphertext does not decrypt under key " + keyName);
      }
      return Base64.getDecoder().decode(response.getData().get("plaintext"));
    } catch (VaultException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "the ciphertext does not decrypt under key " + keyName);
    }
  }

  @Override
  public Optional<Map<String, String>> readSecret(String name) {
    try {
      LogicalResponse response = vault.logical().read(kvData(name));
      int status = response.getRestResponse().getStatus();
      if (status == 404) {
        return Optional.empty();
      }
      check(status, "read secret " + name);
      JsonValue inner = response.getDataObject().get("data");
      if (inner == null || !inner.isObject()) {
        return Optional.empty();
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (JsonObject.Member member : inner.asObject()) {
        fields.put(member.getName(), member.getValue().isString() ? member.getValue().asString()
            : member.getValue().toString());
      }
      return Optional.of(fields);
    } catch (VaultException e) {
      if (e.getHttpStatusCode() == 404) {
        return Optional.empty();
      }
      throw unavailable("read secret " + name, e);
    }
  }

  @Override
  public void writeSecret(String name, Map<String, String> fields) {
    // The client serialises a value that is not a JsonValue with toString(): a Map would arrive
    // as the string "{k=v}", which KV v2 rejects; so the fields go as a JSON object.
    JsonObject data = new JsonObject();
    fields.forEach(data::add);
    write(kvData(name), Map.of("data", data));
  }

  private String kvData(String name) {
    return settings.kvMount() + "/data/" + settings.kvPath() + "/" + name;
  }

  private int readOrCreateKey(String keyName) {
    try {
      LogicalResponse response = vault.logical().read(transit("keys/" + keyName));
      if (response.getRestResponse().getStatus() == 404) {
        write(transit("keys/" + keyName), Map.of("type", "aes256-gcm96"));
        response = read(transit("keys/" + keyName));
      }
      return response.getDataObject().getInt("latest_version", 1);
    } catch (VaultException e) {
      if (e.getHttpStatusCode() == 404) {
        write(transit("keys/" + keyName), Map.of("type", "aes256-gcm96"));
        return read(transit("keys/" + keyName)).getDataObject().getInt("latest_version", 1);
      }
      throw unavailable("read key " + keyName, e);
    }
  }

  LogicalResponse read(String path) {
    try {
      LogicalResponse response = vault.logical().read(path);
      check(response.getRestResponse().getStatus(), "read " + path);
      return response;
    } catch (VaultException e) {
      throw unavailable("read " + path, e);
    }
  }

  LogicalResponse write(String path, Map<String, Object> body) {
    try {
      LogicalResponse response = vault.logical().write(path, body);
      check(response.getRestResponse().getStatus(), "write " + path);
      return response;
    } catch (VaultException e) {
      throw unavailable("write " + path, e);
    }
  }

  private static void check(int status, String what) {
    if (status >= 400) {
      throw new HubException(ErrorCode.SECRETS_UNAVAILABLE, "Vault refused to " + what + " (HTTP " + status + ")");
    }
  }

  private static HubException unavailable(String what, VaultException e) {
    return new HubException(ErrorCode.SECRETS_UNAVAILABLE, "Vault could not " + what + " (HTTP "
        + e.getHttpStatusCode() + ")", e);
  }

  @Override
  public void close() {
    renewal.shutdownNow();
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
