package org.gdxhub.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/**
 * Verifying signatures and handling certificates with nothing but the JDK, so that offline
 * tools (the ledger verifier) need neither the keystore nor a running hub.
 */
public final class Signatures {

  private Signatures() {}

  /** The key id of a certificate: SHA-256 of its DER encoding, lowercase hex. */
  public static String keyId(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  /** True when {@code signature} is a valid {@code algorithm} signature of {@code data} by the certificate's key. */
  public static boolean verify(X509Certificate certificate, String algorithm, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(data);
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // malformed signature bytes: not a valid signature
    } catch (GeneralSecurityException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "cannot verify a " + algorithm + " signature: " + e.getMessage(), e);
    }
  }

  /** PEM text ({@code -----BEGIN CERTIFICATE-----}) of a certificate. */
  public static String toPem(X509Certificate certificate) {
    try {
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  /** Every certificate in PEM text (one or more blocks). */
  public static List<X509Certificate> fromPem(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certificates.add((X509Certificate) c);
      }
      if (certificates.isEmpty()) {
        throw new HubException(ErrorCode.INVALID_REQUEST, "no PEM certificate found");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "not a PEM X.509 certificate: " + e.getMessage(), e);
    }
  }
}
