package org.gdxhub.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The embedded default for keys: a PKCS#12 file holding secret keys and signing key pairs,
 * created with fresh random keys on first use. Keys are never written anywhere else.
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

  /** Returns the named secret key, generating a fresh {@code algorithm} key and saving it if it does not exist yet. */
  public synchronized SecretKey secretKey(String alias, String algorithm, int bits) {
    try {
      KeyStore store = load();
      KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
      if (store.getEntry(alias, protection) instanceof KeyStore.SecretKeyEntry entry) {
        return entry.getSecretKey();
      }
      KeyGenerator generator = KeyGenerator.getInstance(algorithm);
      generator.init(bits);
      SecretKey key = generator.generateKey();
      store.setEntry(alias, new KeyStore.SecretKeyEntry(key), protection);
      save(store);
      return key;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read or write the keystore " + path, e);
    }
  }

  /** Every alias in the keystore (empty before the first key is made). */
  public synchronized java.util.List<String> aliases() {
    try {
      return java.util.Collections.list(load().aliases());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read the keystore " + path, e);
    }
  }

  /** The text stored under the alias (a keytool {@code -importpass} style entry), if any. */
  public synchronized java.util.Optional<String> password(String alias) {
    try {
      KeyStore store = load();
      if (store.getEntry(alias, new KeyStore.PasswordProtection(password)) instanceof KeyStore.SecretKeyEntry entry) {
        var spec = (javax.crypto.spec.PBEKeySpec) javax.crypto.SecretKeyFactory.getInstance("PBE")
            .getKeySpec(entry.getSecretKey(), javax.crypto.spec.PBEKeySpec.class);
        return java.util.Optional.of(new String(spec.getPassword()));
      }
      return java.util.Optional.empty();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read the keystore " + path, e);
    }
  }

  /** Stores text under the alias, as keytool {@code -importpass} does. */
  public synchronized void putPassword(String alias, String value) {
    try {
      KeyStore store = load();
      SecretKey key = javax.crypto.SecretKeyFactory.getInstance("PBE")
          .generateSecret(new javax.crypto.spec.PBEKeySpec(value.toCharArray()));
      store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
      save(store);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write the keystore " + path, e);
    }
  }

  /** Signature algorithm of the key pairs made by {@link #signingKey}. */
  public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3653);

  /**
   * Returns the named EC P-256 key pair with its self-signed certificate, generating and
   * saving both if they do not exist yet.
   *
   * @param subject X.500 distinguished name for a new certificate, e.g. {@code CN=GDX Hub ledger, O=GDX Hub}
   */
  public synchronized KeyStore.PrivateKeyEntry signingKey(String alias, String subject) {
    try {
      KeyStore store = load();
      KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
      if (store.getEntry(alias, protection) instanceof KeyStore.PrivateKeyEntry entry) {
        return entry;
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      var entry = new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {selfSigned(pair, subject)});
      store.setEntry(alias, entry, protection);
      save(store);
      return entry;
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot read or write the keystore " + path, e);
    }
  }

  private static X509Certificate selfSigned(KeyPair pair, String subject)
      throws CertIOException, OperatorCreationException, GeneralSecurityException {
    X500Name name = new X500Name(subject);
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CERTIFICATE_VALIDITY)), name, pair.getPublic());
    var extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
    var signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(pair.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
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
