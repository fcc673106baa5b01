package org.gdxhub.security;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.gdxhub.security.internal.KeystoreSigningService;
import org.gdxhub.security.internal.LocalKeystore;

/**
 * Digital signatures with named keys held by the secrets backend. The embedded default keeps
 * an EC P-256 key pair and a self-signed certificate per key name in the local PKCS#12
 * keystore, created on first use; a Vault Transit backend can implement the same interface,
 * because callers only hand over bytes and never see a private key. Users: signed ledger
 * checkpoints now, certified PDF extracts later.
 */
public interface SigningService {

  /** Signs {@code data} with the current version of the named key, creating the key on first use. */
  DetachedSignature sign(String keyName, byte[] data);

  /**
   * The certificate of the current version of the named key, creating the key on first use.
   * Publish it (see {@link Signatures#toPem}) so that anyone can verify signatures offline.
   */
  X509Certificate certificate(String keyName);

  /**
   * The local-keystore implementation outside the Spring context, for command-line tools
   * (the hub itself gets its {@code SigningService} bean from the security module's configuration).
   */
  static SigningService localKeystore(Path keystore, String password) {
    return new KeystoreSigningService(new LocalKeystore(keystore, password));
  }
}
