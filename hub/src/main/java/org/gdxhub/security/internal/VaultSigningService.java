package org.gdxhub.security.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;

/**
 * {@link SigningService} on Vault Transit: an {@code ecdsa-p256} key {@code signing-<name>} per
 * key name; signatures are DER ({@code marshaling_algorithm=asn1}), so verifiers need only the
 * JDK as with the keystore. The certificate is self-signed once — by Transit itself — and kept
 * in KV ({@code certificate-signing-<name>}), so the key id stays the same across restarts.
 */
class VaultSigningService implements SigningService {

  private static final Pattern KEY_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final String ALGORITHM = "SHA256withECDSA";

  private final VaultSecretsBackend vault;
  private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

  VaultSigningService(VaultSecretsBackend vault) {
    this.vault = vault;
  }

  @Override
  public DetachedSignature sign(String keyName, byte[] data) {
    X509Certificate certificate = certificate(keyName);
    return new DetachedSignature(Signatures.keyId(certificate), ALGORITHM, transitSign(keyName, data));
  }

  @Override
  public X509Certificate certificate(String keyName) {
    if (keyName == null || !KEY_NAME.matcher(keyName).matches()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "signing key names are lowercase letters, digits and '-'");
    }
    return certificates.computeIfAbsent(keyName, name -> {
      String secret = "certificate-signing-" + name;
      return vault.readSecret(secret).map(s -> Signatures.fromPem(s.get("pem")).getFirst()).orElseGet(() -> {
        X509Certificate created = selfSigned(name);
        vault.writeSecret(secret, Map.of("pem", Signatures.toPem(created)));
        return created;
      });
    });
  }

  private byte[] transitSign(String keyName, byte[] data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", Base64.getEncoder().encodeToString(data));
    body.put("marshaling_algorithm", "asn1");
    String signature = vault.write(vault.transit("sign/signing-" + keyName + "/sha2-256"), body).getData()
        .get("signature");
    return Base64.getDecoder().decode(signature.substring(signature.lastIndexOf(':') + 1));
  }

  private X509Certificate selfSigned(String keyName) {
    try {
      String path = vault.transit("keys/signing-" + keyName);
      try {
        vault.read(path);
      } catch (HubException missing) {
        vault.write(path, Map.of("type", "ecdsa-p256"));
      }
      var keys = vault.read(path).getDataObject().get("keys").asObject();
      String latest = String.valueOf(vault.read(path).getDataObject().getInt("latest_version", 1));
      String pem = keys.get(latest).asObject().getString("public_key", null);
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      X500Name name = new X500Name("CN=GDX Hub " + keyName + ", O=GDX Hub");
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3653))), name, publicKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(ALGORITHM);
      ContentSigner signer = new ContentSigner() {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
          return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
          return buffer;
        }

        @Override
        public byte[] getSignature() {
          return transitSign(keyName, buffer.toByteArray());
        }
      };
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (HubException e) {
      throw e;
    } catch (Exception e) {
      throw new HubException(ErrorCode.SECRETS_UNAVAILABLE, "cannot make the certificate of Vault key signing-" + keyName, e);
    }
  }
}
