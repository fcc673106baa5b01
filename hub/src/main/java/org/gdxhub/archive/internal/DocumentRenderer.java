package org.gdxhub.archive.internal;

import java.security.cert.X509Certificate;

import org.gdxhub.archive.MonthlyReport;
import org.gdxhub.security.Signatures;

/** Renders the archive's documents to (unsigned) PDF with the shared fonts. */
public class DocumentRenderer {

  private final PdfFonts fonts;
  private final PdfSigner signer;

  public DocumentRenderer(PdfFonts fonts, PdfSigner signer) {
    this.fonts = fonts;
    this.signer = signer;
  }

  public byte[] extract(ExtractDocument document) {
    return ExtractPdf.render(fonts, document);
  }

  public byte[] report(ReportDocument document, MonthlyReport report) {
    return ReportPdf.render(fonts, document, report);
  }

  /** The signer as printed on documents: the certificate's subject and the start of its key id. */
  public String signerName() {
    X509Certificate certificate = signer.certificate();
    return certificate.getSubjectX500Principal().getName() + " (key " + Signatures.keyId(certificate).substring(0, 16)
        + ")";
  }
}
