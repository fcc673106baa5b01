package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.gdxhub.connectors.CredentialsProvider;

/**
 * The embedded default {@link CredentialsProvider}: environment variables
 * {@code GDX_CREDENTIALS_<NAME>_USERNAME} and {@code GDX_CREDENTIALS_<NAME>_PASSWORD} (name upper-cased,
 * other characters as {@code _}) win; otherwise the PKCS#12 keystore's password entries
 * {@code <name>.username} and {@code <name>.password}, which an operator adds with
 * {@code keytool -importpass -storetype PKCS12 -keystore ... -alias <name>.password}.
 */
public class LocalCredentialsProvider implements CredentialsProvider {

  private final Map<String, String> environment;
  private final Path keystorePath;
  private final char[] keystorePassword;
  // Reading a PKCS#12 entry costs a key derivation; cache until the file changes.
  private final Map<String, Optional<Credentials>> cache = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile long cachedModified = Long.MIN_VALUE;

  public LocalCredentialsProvider(Map<String, String> environment, Path keystorePath, String keystorePassword) {
    this.environment = Map.copyOf(environment);
    this.keystorePath = keystorePath;
    this.keystorePassword = keystorePassword.toCharArray();
  }

  @Override
  public Optional<Credentials> credentials(String name) {
    String prefix = "GDX_CREDENTIALS_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    String envUser = environment.get(prefix + "_USERNAME");
    String envSecret = environment.get(prefix + "_PASSWORD");
    if (envSecret != null) {
      return Optional.of(new Credentials(envUser, envSecret));
    }
    long modified = lastModified();
    if (modified != cachedModified) {
      cache.clear();
      cachedModified = modified;
    }
    return cache.computeIfAbsent(name, this::fromKeystore);
  }

  private Optional<Credentials> fromKeystore(String name) {
    try {
      KeyStore store = load();
      String secret = read(store, name + ".password");
      if (secret == null) {
        return Optional.empty();
      }
      return Optional.of(new Credentials(read(store, name + ".username"), secret));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read the connector credentials keystore " + keystorePath, e);
    }
  }

  /** Stores credentials (replacing any), as {@code keytool -importpass} would. */
  public synchronized void store(String name, Credentials credentials) {
    try {
      KeyStore store = load();
      write(store, name + ".username", credentials.username());
      write(store, name + ".password", credentials.secret());
      save(store);
      cache.clear();
      cachedModified = Long.MIN_VALUE;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write the connector credentials keystore " + keystorePath, e);
    }
  }

  /** Returns the stored credentials, first storing {@code username} with a fresh random secret if there are none. */
  public synchronized Credentials createIfMissing(String name, String username) {
    return credentials(name).orElseGet(() -> {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      var created = new Credentials(username, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      store(name, created);
      return created;
    });
  }

  private long lastModified() {
    try {
      return Files.exists(keystorePath) ? Files.getLastModifiedTime(keystorePath).toMillis() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private String read(KeyStore store, String alias) throws GeneralSecurityException {
    if (!(store.getEntry(alias, new KeyStore.PasswordProtection(keystorePassword)) instanceof KeyStore.SecretKeyEntry entry)) {
      return null;
    }
    return new String(entry.getSecretKey().getEncoded(), StandardCharsets.UTF_8);
  }

  private void write(KeyStore store, String alias, String value) throws GeneralSecurityException {
    if (value == null) {
      store.deleteEntry(alias);
      return;
    }
    SecretKey key = SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(value.toCharArray()));
    store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(keystorePassword));
  }

  private KeyStore load() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    if (Files.exists(keystorePath)) {
      try (InputStream in = Files.newInputStream(keystorePath)) {
        store.load(in, keystorePassword);
      }
    } else {
      store.load(null, keystorePassword);
    }
    return store;
  }

  private void save(KeyStore store) throws GeneralSecurityException, IOException {
    Files.createDirectories(keystorePath.toAbsolutePath().getParent());
    Path tmp = keystorePath.resolveSibling(keystorePath.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      store.store(out, keystorePassword);
    }
    Files.move(tmp, keystorePath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
