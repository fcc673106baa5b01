package org.gdxhub.security.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.SecretsBackend;

/**
 * {@link SecretsBackend} on the local PKCS#12 keystore. HMAC key versions are the aliases
 * {@code <name>-v<n>} (so {@code subject-pseudonym-v1} is the key the hub always used);
 * encryption keys are AES-256 aliases {@code encryption-<name>-v1}, ciphertexts
 * {@code gdx:v1:<base64(iv ‖ ciphertext ‖ tag)>}; secrets are {@code secret-<name>.<field>}
 * text entries. Keys are cached after the first read.
 */
class KeystoreSecretsBackend implements SecretsBackend {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalKeystore keystore;
  private final Map<String, TreeMap<Integer, SecretKey>> hmacKeys = new ConcurrentHashMap<>();

  KeystoreSecretsBackend(LocalKeystore keystore) {
    this.keystore = keystore;
  }

  @Override
  public String name() {
    return "keystore";
  }

  @Override
  public int currentKeyVersion(String keyName) {
    return versions(keyName).lastKey();
  }

  @Override
  public List<Integer> keyVersions(String keyName) {
    return List.copyOf(versions(keyName).keySet());
  }

  @Override
  public synchronized int rotateKey(String keyName) {
    int next = currentKeyVersion(keyName) + 1;
    keystore.hmacKey(keyName + "-v" + next);
    hmacKeys.remove(keyName);
    return next;
  }

  @Override
  public byte[] hmac(String keyName, int version, byte[] data) {
    SecretKey key = versions(keyName).get(version);
    if (key == null) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "no version " + version + " of key " + keyName);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String encrypt(String keyName, byte[] plaintext) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, aesKey(keyName), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext);
      return "gdx:v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
          .put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  @Override
  public byte[] decrypt(String keyName, String ciphertext) {
    if (ciphertext == null || !ciphertext.startsWith("gdx:v1:")) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "not a gdx:v1 ciphertext");
    }
    try {
      byte[] all = Base64.getDecoder().decode(ciphertext.substring("gdx:v1:".length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, aesKey(keyName), new GCMParameterSpec(128, all, 0, 12));
      return cipher.doFinal(all, 12, all.length - 12);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "the ciphertext does not decrypt under key " + keyName);
    }
  }

  @Override
  public Optional<Map<String, String>> readSecret(String name) {
    String prefix = "secret-" + checked(name) + ".";
    Map<String, String> fields = new LinkedHashMap<>();
    for (String alias : keystore.aliases()) {
      if (alias.startsWith(prefix)) {
        keystore.password(alias).ifPresent(v -> fields.put(alias.substring(prefix.length()), v));
      }
    }
    return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
  }

  @Override
  public void writeSecret(String name, Map<String, String> fields) {
    String prefix = "secret-" + checked(name) + ".";
    fields.forEach((field, value) -> keystore.putPassword(prefix + checked(field), value));
  }

  private TreeMap<Integer, SecretKey> versions(String keyName) {
    return hmacKeys.computeIfAbsent(checked(keyName), name -> {
      Pattern alias = Pattern.compile(Pattern.quote(name) + "-v(\\d+)");
      List<Integer> found = new ArrayList<>();
      for (String a : keystore.aliases()) {
        Matcher m = alias.matcher(a);
        if (m.matches()) {
          found.add(Integer.parseInt(m.group(1)));
        }
      }
      if (found.isEmpty()) {
        found.add(1);
      }
      TreeMap<Integer, SecretKey> keys = new TreeMap<>();
      for (int v : found) {
        keys.put(v, keystore.hmacKey(name + "-v" + v));
      }
      return keys;
    });
  }

  private SecretKey aesKey(String keyName) {
    return keystore.secretKey("encryption-" + checked(keyName) + "-v1", "AES", 256);
  }

  private static String checked(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "key and secret names are lowercase letters, digits and '-'");
    }
    return name;
  }
}
