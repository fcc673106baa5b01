package org.gdxhub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * Reads the archive's PDFs the way an outside party would, with Apache PDFBox and
 * BouncyCastle only: the text, the embedded data file, the signature dictionary, and the CMS
 * signature verified against a given certificate.
 */
public final class PdfTestSupport {

  private PdfTestSupport() {}

  /** The document's text, NFC-normalised, with runs of white space collapsed to one space. */
  public static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ");
    }
  }

  public static Map<String, String> info(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      var info = document.getDocumentInformation();
      var out = new java.util.TreeMap<String, String>();
      for (String key : info.getMetadataKeys()) {
        out.put(key, info.getCustomMetadataValue(key));
      }
      return out;
    }
  }

  public static byte[] embeddedFile(byte[] pdf, String name) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDEmbeddedFilesNameTreeNode files = new PDDocumentNameDictionary(document.getDocumentCatalog())
          .getEmbeddedFiles();
      assertThat(files).as("embedded files").isNotNull();
      PDComplexFileSpecification spec = files.getNames().get(name);
      assertThat(spec).as("embedded file " + name + " in " + files.getNames().keySet()).isNotNull();
      return spec.getEmbeddedFile().toByteArray();
    }
  }

  /** The signature checked from scratch: dictionary, byte range, CMS over the signed bytes with the given certificate. */
  public record SignatureFacts(String subFilter, boolean coversWholeFile, boolean cmsVerifies,
      boolean hasSigningCertificateV2, boolean hasSigningTimeAttribute, String signerSubject) {}

  public static SignatureFacts signature(byte[] pdf, X509Certificate expected) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDSignature signature = document.getLastSignatureDictionary();
      assertThat(signature).as("signature dictionary").isNotNull();
      int[] range = signature.getByteRange();
      boolean whole = range[0] == 0 && range[2] + range[3] == pdf.length;
      byte[] signedContent = signature.getSignedContent(pdf);
      CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent), signature.getContents(pdf));
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      boolean verifies = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(expected));
      var attributes = signer.getSignedAttributes();
      return new SignatureFacts(signature.getSubFilter(), whole, verifies,
          attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null,
          attributes.get(CMSAttributes.signingTime) != null, expected.getSubjectX500Principal().getName());
    }
  }

  /** Keeps a copy for a person to look at (pdftoppm), under target/archive-samples. */
  public static void keepSample(String name, byte[] bytes) throws IOException {
    Path dir = Path.of("target", "archive-samples");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), bytes);
  }
}
