package org.gdxhub.archive.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.gdxhub.archive.ArchivedDocument;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.Signatures;

/**
 * Signs a rendered document and archives it: the bytes into the archive directory, the
 * metadata and the signing certificate into the database. If the metadata cannot be written
 * the files are removed again, so the archive never holds a document it does not know.
 */
public class DocumentArchiver {

  private final JdbcArchiveStore store;
  private final FileSystemArchiveContent content;
  private final PdfSigner signer;

  public DocumentArchiver(JdbcArchiveStore store, FileSystemArchiveContent content, PdfSigner signer) {
    this.store = store;
    this.content = content;
    this.signer = signer;
  }

  /** An archived document and its signed PDF. */
  public record Archived(ArchivedDocument document, byte[] pdf) {}

  /**
   * @param draft the metadata; its file hash, size, key id and CSV flag are filled in here
   * @param csv the report's CSV, or null
   */
  public Archived archive(ArchivedDocument draft, byte[] unsignedPdf, byte[] csv, String reason) {
    PdfSigner.Signed signed = signer.sign(unsignedPdf, draft.createdAt(), reason, "GDX Hub");
    ArchivedDocument document = new ArchivedDocument(draft.id(), draft.kind(), draft.reference(), draft.title(),
        draft.createdAt(), draft.agency(), draft.unit(), draft.officer(), draft.datasetId(), draft.ledgerEntryId(),
        draft.sourceLedgerEntryId(), draft.subjectType(), draft.subjectPseudonym(), draft.period(),
        draft.contentHash(), sha256(signed.pdf()), signed.pdf().length, csv != null, signed.keyId(),
        draft.retainUntil(), null, null, null, null);
    store.rememberSigningKey(signed.keyId(), Signatures.toPem(signed.certificate()), draft.createdAt());
    content.write(document.id(), document.createdAt(), FileSystemArchiveContent.Type.PDF, signed.pdf());
    try {
      if (csv != null) {
        content.write(document.id(), document.createdAt(), FileSystemArchiveContent.Type.CSV, csv);
      }
      store.insert(document);
    } catch (RuntimeException e) {
      content.delete(document.id(), document.createdAt(), FileSystemArchiveContent.Type.PDF);
      content.delete(document.id(), document.createdAt(), FileSystemArchiveContent.Type.CSV);
      throw e instanceof HubException hub ? hub
          : new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot record the document: " + e.getMessage(), e);
    }
    return new Archived(document, signed.pdf());
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
