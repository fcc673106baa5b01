package org.gdxhub.security.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gdxhub.security.SecretsBackend;
import org.gdxhub.security.SigningService;
import org.junit.jupiter.api.BeforeEach;

/** The secrets contract on the embedded default: a fresh PKCS#12 keystore. */
class KeystoreSecretsBackendTest extends SecretsBackendContract {

  LocalKeystore keystore;

  @BeforeEach
  void freshKeystore() throws IOException {
    Path dir = Files.createTempDirectory("gdx-keys-");
    keystore = new LocalKeystore(dir.resolve("hub-keys.p12"), "test-password");
  }

  @Override
  SecretsBackend backend() {
    return new KeystoreSecretsBackend(keystore);
  }

  @Override
  SigningService signing() {
    return new KeystoreSigningService(keystore);
  }
}
