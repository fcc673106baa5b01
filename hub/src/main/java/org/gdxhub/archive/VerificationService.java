package org.gdxhub.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gdxhub.archive.internal.DocumentArchiver;
import org.gdxhub.archive.internal.JdbcArchiveStore;
import org.gdxhub.archive.internal.PdfInspector;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/**
 * Answers whether a document is genuine: {@code valid}, {@code tampered}, {@code revoked} or
 * {@code unknown}. A PDF is identified by the document id it carries (or, failing that, by
 * its SHA-256) and checked three ways: its bytes against the archived file hash, its signature
 * cryptographically (and that nothing follows the signed bytes), and its embedded data against
 * the content hash. Works after retention too: only hashes and metadata are needed.
 */
public class VerificationService {

  private final JdbcArchiveStore store;

  public VerificationService(JdbcArchiveStore store) {
    this.store = store;
  }

  public Verification verify(byte[] pdf) {
    if (pdf == null || pdf.length == 0) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "send the PDF to verify");
    }
    String fileHash = DocumentArchiver.sha256(pdf);
    PdfInspector.Inspection inspection = PdfInspector.inspect(pdf, keyId -> store.signingKey(keyId).isPresent());
    Optional<ArchivedDocument> found = Optional.ofNullable(inspection.documentId())
        .filter(id -> id.matches("[0-9a-f-]{36}")).flatMap(store::find);
    if (found.isEmpty()) {
      found = store.findByFileHash(fileHash).stream().findFirst();
    }
    if (found.isEmpty()) {
      List<String> problems = new ArrayList<>();
      problems.add(inspection.readable() ? "this hub has not issued a document with this id or content"
          : inspection.problem());
      return unknown(problems, inspection.signature());
    }
    ArchivedDocument document = found.get();
    List<String> problems = new ArrayList<>();
    if (!fileHash.equals(document.fileHash())) {
      problems.add("the file is not the one issued (its SHA-256 is " + fileHash + ")");
    }
    var signature = inspection.signature();
    if (signature == null || !signature.present()) {
      problems.add("the file carries no signature");
    } else {
      if (!signature.valid()) {
        problems.add("the signature does not verify: the signed bytes were changed");
      }
      if (!signature.coversWholeFile()) {
        problems.add("content was added after the signature");
      }
      if (signature.valid() && !signature.trusted()) {
        problems.add("signed with a certificate the archive never used");
      }
    }
    if (inspection.embeddedData() == null
        || !DocumentArchiver.sha256(inspection.embeddedData()).equals(document.contentHash())) {
      problems.add("the embedded data does not match the content hash " + document.contentHash());
    }
    Verification.Status status = !problems.isEmpty() ? Verification.Status.TAMPERED
        : document.revoked() ? Verification.Status.REVOKED : Verification.Status.VALID;
    return of(status, document, signature, problems);
  }

  /** Verification by document id and a hash printed on (or computed from) the document. */
  public Verification verify(String documentId, String hash) {
    if (documentId == null || documentId.isBlank() || hash == null || hash.isBlank()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "send documentId and hash (or the PDF itself)");
    }
    Optional<ArchivedDocument> found = documentId.strip().matches("[0-9a-f-]{36}") ? store.find(documentId.strip())
        : Optional.empty();
    if (found.isEmpty()) {
      return unknown(List.of("this hub has not issued a document " + documentId), null);
    }
    ArchivedDocument document = found.get();
    String h = hash.strip().toLowerCase();
    if (!h.equals(document.contentHash()) && !h.equals(document.fileHash())) {
      return of(Verification.Status.TAMPERED, document, null,
          List.of("the hash is neither the document's content hash nor its file hash"));
    }
    return of(document.revoked() ? Verification.Status.REVOKED : Verification.Status.VALID, document, null, List.of());
  }

  private static Verification unknown(List<String> problems, Verification.SignatureCheck signature) {
    return new Verification(Verification.Status.UNKNOWN, null, null, null, null, null, null, null, null, null, null,
        null, null, false, signature, problems);
  }

  private static Verification of(Verification.Status status, ArchivedDocument d, Verification.SignatureCheck signature,
      List<String> problems) {
    List<String> all = new ArrayList<>(problems);
    if (status == Verification.Status.REVOKED) {
      all.add("revoked: " + d.revocationReason());
    }
    return new Verification(status, d.id(), d.kind(), d.reference(), d.title(), d.createdAt(), d.datasetId(),
        d.period(), d.ledgerEntryId(), d.sourceLedgerEntryId(), d.contentHash(), d.revokedAt(), d.revocationReason(),
        !d.contentAvailable(), signature, all);
  }
}
