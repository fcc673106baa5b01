package org.gdxhub.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets and keys behind one interface (ADR 0011). Two backends: the local PKCS#12 keystore
 * (embedded default, {@code hub.security.secrets.backend=keystore}) and HashiCorp Vault
 * ({@code vault}: Transit for keys, KV v2 for secrets). Keys never leave the backend: callers
 * hand over bytes and get MACs or ciphertexts back. Signing is {@link SigningService}, which
 * each backend also provides.
 */
public interface SecretsBackend {

  /** {@code keystore} or {@code vault}. */
  String name();

  /** The current version of the named HMAC-SHA256 key, creating version 1 on first use. */
  int currentKeyVersion(String keyName);

  /** Every version of the named HMAC key, oldest first. */
  List<Integer> keyVersions(String keyName);

  /** Makes a new version of the named HMAC key the current one and returns it; old versions stay usable. */
  int rotateKey(String keyName);

  /** HMAC-SHA256 of {@code data} under the given version of the named key. */
  byte[] hmac(String keyName, int version, byte[] data);

  /** Authenticated encryption (AES-256-GCM) under the named key; the ciphertext names its key version. */
  String encrypt(String keyName, byte[] plaintext);

  /** Reverses {@link #encrypt}; fails on a tampered ciphertext. */
  byte[] decrypt(String keyName, String ciphertext);

  /** The secret (field → value) stored under {@code name}, e.g. a connector's username and password. */
  Optional<Map<String, String>> readSecret(String name);

  /** Stores (replaces) the secret under {@code name}. */
  void writeSecret(String name, Map<String, String> fields);
}
