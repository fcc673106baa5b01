package org.gdxhub.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The embedded default for keys: a PKCS#12 file holding secret keys, created with fresh
 * random keys on first use. Keys are never written anywhere else.
 */
public class LocalKeystore {

  private final Path path;
  private final char[] password;

  public LocalKeystore(Path path, String password) {
    this.path = path;
    this.password = password.toCharArray();
  }

  /** Returns the named HMAC-SHA256 key, generating and saving it if it does not exist yet. */
  public synchronized SecretKey hmacKey(String alias) {
    try {
      KeyStore store = load();
      KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
      if (store.getEntry(alias, protection) instanceof KeyStore.SecretKeyEntry entry) {
        return entry.getSecretKey();
      }
      SecretKey key = KeyGenerator.getInstance("HmacSHA256").generateKey();
      store.setEntry(alias, new KeyStore.SecretKeyEntry(key), protection);
      save(store);
      return key;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read or write the keystore " + path, e);
    }
  }

  private KeyStore load() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    if (Files.exists(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        store.load(in, password);
      }
    } else {
      store.load(null, password);
    }
    return store;
  }

  private void save(KeyStore store) throws GeneralSecurityException, IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      store.store(out, password);
    }
    Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
