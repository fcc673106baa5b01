package org.gdxhub.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;
import org.openpdf.text.DocumentException;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfSignature;
import org.openpdf.text.pdf.PdfSignatureAppearance;
import org.openpdf.text.pdf.PdfStamper;
import org.openpdf.text.pdf.PdfString;

/**
 * Signs a finished PDF, PAdES baseline style: an invisible certification signature (no changes
 * allowed) whose {@code /Contents} is a detached CMS SignedData ({@code ETSI.CAdES.detached})
 * over the document's byte ranges, with the ESS signing-certificate-v2 attribute and no
 * signing-time attribute (the time is the signature dictionary's {@code /M}). BouncyCastle
 * builds the CMS; the signature value itself comes from {@link SigningService}, so the private
 * key never leaves the secrets backend.
 */
public class PdfSigner {

  public static final PdfName SUB_FILTER = new PdfName("ETSI.CAdES.detached");
  /** Room reserved for the CMS in the file (bytes); a P-256 signature with one certificate needs about 1 KiB. */
  private static final int CMS_RESERVED = 8192;

  private final SigningService signing;
  private final String keyName;

  public PdfSigner(SigningService signing, String keyName) {
    this.signing = signing;
    this.keyName = keyName;
  }

  /** The signed PDF and the certificate that signed it. */
  public record Signed(byte[] pdf, X509Certificate certificate, String keyId) {}

  public X509Certificate certificate() {
    return signing.certificate(keyName);
  }

  public Signed sign(byte[] pdf, Instant at, String reason, String location) {
    X509Certificate certificate = signing.certificate(keyName);
    try {
      PdfReader reader = new PdfReader(pdf);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * CMS_RESERVED + 4096);
      PdfStamper stamper = PdfStamper.createSignature(reader, out, null);
      PdfSignatureAppearance appearance = stamper.getSignatureAppearance();
      Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      when.setTimeInMillis(at.toEpochMilli());
      appearance.setSignDate(when);
      appearance.setReason(reason);
      appearance.setLocation(location);
      appearance.setCertificationLevel(PdfSignatureAppearance.CERTIFIED_NO_CHANGES_ALLOWED);
      PdfSignature dictionary = new PdfSignature(PdfName.ADOBE_PPKLITE, SUB_FILTER);
      dictionary.setName(certificate.getSubjectX500Principal().getName());
      dictionary.setDate(new PdfDate(when));
      appearance.setCryptoDictionary(dictionary);
      appearance.preClose(new HashMap<>(Map.of(PdfName.CONTENTS, CMS_RESERVED * 2 + 2)));

      byte[] signedBytes = appearance.getRangeStream().readAllBytes();
      byte[] cms = cms(signedBytes, certificate);
      if (cms.length > CMS_RESERVED) {
        throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "the CMS signature (" + cms.length
            + " bytes) does not fit the space reserved for it");
      }
      byte[] padded = new byte[CMS_RESERVED];
      System.arraycopy(cms, 0, padded, 0, cms.length);
      PdfDictionary update = new PdfDictionary();
      update.put(PdfName.CONTENTS, new PdfString(padded).setHexWriting(true));
      appearance.close(update);
      return new Signed(out.toByteArray(), certificate, Signatures.keyId(certificate));
    } catch (IOException | DocumentException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot sign the document: " + e.getMessage(), e);
    }
  }

  /** A detached CMS SignedData over {@code content}, signed by the signing service. */
  byte[] cms(byte[] content, X509Certificate certificate) {
    try {
      X509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
      byte[] certificateHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      var essCertId = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certificateHash,
          new IssuerSerial(new GeneralNames(new GeneralName(holder.getIssuer())), holder.getSerialNumber()));
      var signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
          new DERSet(new SigningCertificateV2(essCertId)));
      var attributes = new ASN1EncodableVector();
      attributes.add(signingCertificate);
      CMSAttributeTableGenerator signedAttributes = new DefaultSignedAttributeTableGenerator(
          new AttributeTable(attributes)) {
        @Override
        public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
          // PAdES: the signing time is the signature dictionary's /M, not a CMS attribute.
          return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
        }
      };
      var generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .setSignedAttributeGenerator(signedAttributes)
          .build(new DelegatingContentSigner(signing, keyName, certificate), holder));
      generator.addCertificates(new JcaCertStore(List.of(certificate)));
      return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
    } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot build the CMS signature: " + e.getMessage(), e);
    }
  }

  /** JCA signature algorithm for the certificate's key: SHA-256 with ECDSA (the keystore's P-256) or RSA. */
  static String algorithmFor(X509Certificate certificate) {
    return switch (certificate.getPublicKey().getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE,
          "unsupported signing key type " + certificate.getPublicKey().getAlgorithm());
    };
  }

  /** A BouncyCastle signer that hands the signed attributes to the signing service. */
  private static final class DelegatingContentSigner implements ContentSigner {
    private final SigningService signing;
    private final String keyName;
    private final String algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    DelegatingContentSigner(SigningService signing, String keyName, X509Certificate certificate) {
      this.signing = signing;
      this.keyName = keyName;
      this.algorithm = algorithmFor(certificate);
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
    }

    @Override
    public OutputStream getOutputStream() {
      return buffer;
    }

    @Override
    public byte[] getSignature() {
      DetachedSignature signature = signing.sign(keyName, buffer.toByteArray());
      if (!algorithm.equals(signature.algorithm())) {
        throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "the signing service signed with "
            + signature.algorithm() + ", not " + algorithm);
      }
      return signature.value();
    }
  }
}
