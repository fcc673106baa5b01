package org.gdxhub.security.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;

/**
 * {@link SigningService} on the local PKCS#12 keystore: one EC P-256 key pair and self-signed
 * certificate per key name (alias {@code signing-<name>}), created on first use and cached
 * after the first read.
 */
public class KeystoreSigningService implements SigningService {

  private static final Pattern KEY_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final LocalKeystore keystore;
  private final Map<String, Key> keys = new ConcurrentHashMap<>();

  public KeystoreSigningService(LocalKeystore keystore) {
    this.keystore = keystore;
  }

  @Override
  public DetachedSignature sign(String keyName, byte[] data) {
    Key key = key(keyName);
    try {
      Signature signer = Signature.getInstance(LocalKeystore.SIGNATURE_ALGORITHM);
      signer.initSign(key.privateKey());
      signer.update(data);
      return new DetachedSignature(key.keyId(), LocalKeystore.SIGNATURE_ALGORITHM, signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with key " + keyName, e);
    }
  }

  @Override
  public X509Certificate certificate(String keyName) {
    return key(keyName).certificate();
  }

  private Key key(String keyName) {
    if (keyName == null || !KEY_NAME.matcher(keyName).matches()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "signing key names are lowercase letters, digits and '-'");
    }
    return keys.computeIfAbsent(keyName, name -> {
      KeyStore.PrivateKeyEntry entry = keystore.signingKey("signing-" + name, "CN=GDX Hub " + name + ", O=GDX Hub");
      X509Certificate certificate = (X509Certificate) entry.getCertificate();
      return new Key(entry.getPrivateKey(), certificate, Signatures.keyId(certificate));
    });
  }

  private record Key(PrivateKey privateKey, X509Certificate certificate, String keyId) {}
}
