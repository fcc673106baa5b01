package org.gdxhub.archive.internal;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.gdxhub.archive.Verification.SignatureCheck;
import org.gdxhub.security.Signatures;
import org.openpdf.text.pdf.AcroFields;
import org.openpdf.text.pdf.PRStream;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfString;

/**
 * Reads what verification needs from a PDF someone hands in: the archive's document id and
 * hashes from the document information, the embedded data file, and the signature, checked
 * cryptographically (the CMS over the signed byte ranges, with the certificate it carries).
 * Never trusts the file: anything unreadable is reported, not thrown.
 */
public final class PdfInspector {

  /** Document information keys the archive writes into every PDF. */
  public static final String INFO_DOCUMENT_ID = "GdxDocumentId";
  public static final String INFO_REFERENCE = "GdxReference";
  public static final String INFO_LEDGER_ENTRY = "GdxLedgerEntry";
  public static final String INFO_CONTENT_HASH = "GdxContentSha256";

  private PdfInspector() {}

  /**
   * What a PDF says about itself.
   *
   * @param readable false when it is not a PDF the hub can parse
   * @param embeddedData the first embedded file's bytes (the archive embeds exactly one), or null
   */
  public record Inspection(boolean readable, String problem, Map<String, String> info, String embeddedName,
      byte[] embeddedData, SignatureCheck signature) {

    public String documentId() {
      return info == null ? null : info.get(INFO_DOCUMENT_ID);
    }
  }

  /**
   * @param trusted whether a certificate (by key id) is one the archive signed with
   */
  public static Inspection inspect(byte[] pdf, Predicate<String> trusted) {
    PdfReader reader;
    try {
      reader = new PdfReader(pdf);
    } catch (IOException | RuntimeException e) {
      return new Inspection(false, "not a readable PDF: " + e.getMessage(), Map.of(), null, null, null);
    }
    try {
      Map<String, String> info = reader.getInfo();
      var embedded = embeddedFile(reader);
      return new Inspection(true, null, info, embedded == null ? null : embedded.name(),
          embedded == null ? null : embedded.bytes(), signature(reader, pdf, trusted));
    } catch (IOException | RuntimeException e) {
      return new Inspection(false, "cannot read the PDF's structure: " + e.getMessage(), Map.of(), null, null, null);
    } finally {
      reader.close();
    }
  }

  private record Embedded(String name, byte[] bytes) {}

  private static Embedded embeddedFile(PdfReader reader) throws IOException {
    PdfDictionary names = reader.getCatalog().getAsDict(PdfName.NAMES);
    PdfDictionary files = names == null ? null : names.getAsDict(PdfName.EMBEDDEDFILES);
    PdfArray entries = files == null ? null : files.getAsArray(PdfName.NAMES);
    if (entries == null) {
      return null;
    }
    for (int i = 1; i < entries.size(); i += 2) {
      PdfDictionary spec = entries.getAsDict(i);
      PdfDictionary ef = spec == null ? null : spec.getAsDict(PdfName.EF);
      PdfObject stream = ef == null ? null : PdfReader.getPdfObject(ef.get(PdfName.F));
      if (stream instanceof PRStream prs) {
        PdfString name = entries.getAsString(i - 1);
        return new Embedded(name == null ? null : name.toUnicodeString(), PdfReader.getStreamBytes(prs));
      }
    }
    return null;
  }

  private static SignatureCheck signature(PdfReader reader, byte[] pdf, Predicate<String> trusted) {
    AcroFields fields = reader.getAcroFields();
    List<String> names = fields.getSignedFieldNames();
    if (names.isEmpty()) {
      return new SignatureCheck(false, false, false, false, null, null, null);
    }
    // The archive signs once; a later signature (an incremental update) would itself be a change.
    PdfDictionary dictionary = fields.getSignatureDictionary(names.getLast());
    PdfArray byteRange = dictionary.getAsArray(PdfName.BYTERANGE);
    PdfString contents = dictionary.getAsString(PdfName.CONTENTS);
    Instant signedAt = signedAt(dictionary);
    if (byteRange == null || contents == null || byteRange.size() != 4) {
      return new SignatureCheck(true, false, false, false, null, null, signedAt);
    }
    long[] range = new long[4];
    for (int i = 0; i < 4; i++) {
      range[i] = (long) byteRange.getAsNumber(i).doubleValue();
    }
    boolean wellFormed = range[0] == 0 && range[1] >= 0 && range[2] >= range[1] && range[3] >= 0
        && range[2] + range[3] <= pdf.length;
    if (!wellFormed) {
      return new SignatureCheck(true, false, false, false, null, null, signedAt);
    }
    boolean coversWholeFile = range[2] + range[3] == pdf.length;
    byte[] signed = new byte[(int) (range[1] + range[3])];
    System.arraycopy(pdf, 0, signed, 0, (int) range[1]);
    System.arraycopy(pdf, (int) range[2], signed, (int) range[1], (int) range[3]);
    try {
      CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed), contents.getOriginalBytes());
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
      if (matches.isEmpty()) {
        return new SignatureCheck(true, false, coversWholeFile, false, null, null, signedAt);
      }
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
      boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
      String keyId = Signatures.keyId(certificate);
      return new SignatureCheck(true, valid, coversWholeFile, trusted.test(keyId),
          certificate.getSubjectX500Principal().getName(), keyId, signedAt);
    } catch (CMSException | CertificateException | OperatorCreationException | RuntimeException e) {
      return new SignatureCheck(true, false, coversWholeFile, false, null, null, signedAt);
    }
  }

  private static Instant signedAt(PdfDictionary dictionary) {
    PdfString m = dictionary.getAsString(PdfName.M);
    Calendar calendar = m == null ? null : PdfDate.decode(m.toString());
    return calendar == null ? null : calendar.toInstant();
  }
}
