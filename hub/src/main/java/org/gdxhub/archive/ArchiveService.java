package org.gdxhub.archive;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.gdxhub.archive.internal.FileSystemArchiveContent;
import org.gdxhub.archive.internal.JdbcArchiveStore;
import org.gdxhub.archive.internal.PdfSigner;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SubjectPseudonymizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archived documents: who may read them, their bytes, revocation, the extracts about a
 * subject, and retention. Access: an extract is readable by its issuing agency and by the
 * committee; a report by the committee; revoking needs the committee or the head of the
 * issuing unit; listing extracts by a clear subject ID needs the committee.
 */
public class ArchiveService {

  public static final String COMMITTEE = "committee";
  public static final String UNIT_HEAD = "unit_head";
  public static final String OPERATOR = "operator";

  private static final Logger log = LoggerFactory.getLogger(ArchiveService.class);
  private static final int PURGE_BATCH = 200;

  private final JdbcArchiveStore store;
  private final FileSystemArchiveContent content;
  private final PdfSigner signer;
  private final SubjectPseudonymizer pseudonymizer;
  private final ArchiveProperties properties;
  private final Clock clock;

  public ArchiveService(JdbcArchiveStore store, FileSystemArchiveContent content, PdfSigner signer,
      SubjectPseudonymizer pseudonymizer, ArchiveProperties properties, Clock clock) {
    this.store = store;
    this.content = content;
    this.signer = signer;
    this.pseudonymizer = pseudonymizer;
    this.properties = properties;
    this.clock = clock;
  }

  /** The public verify page of a document, as its QR code encodes it. */
  public static String verifyUrl(ArchiveProperties properties, String id, String contentHash) {
    String base = properties.publicBaseUrl().replaceAll("/+$", "");
    return base + "/archive/verify/" + id + "?hash=" + URLEncoder.encode(contentHash, StandardCharsets.UTF_8);
  }

  public ArchivedDocument document(CallerIdentity caller, String id) {
    ArchivedDocument document = store.find(id).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
        "no archived document " + id));
    boolean committee = caller.roles().contains(COMMITTEE);
    boolean issuingAgency = document.kind() == DocumentKind.EXTRACT && caller.agency() != null
        && caller.agency().equals(document.agency());
    if (!committee && !issuingAgency) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, document.kind() == DocumentKind.EXTRACT
          ? "only the issuing agency or a caller with role committee may read this extract"
          : "only a caller with role committee may read reports");
    }
    return document;
  }

  public byte[] pdf(CallerIdentity caller, String id) {
    return bytes(document(caller, id), FileSystemArchiveContent.Type.PDF);
  }

  public byte[] csv(CallerIdentity caller, String id) {
    ArchivedDocument document = document(caller, id);
    if (!document.hasCsv()) {
      throw new HubException(ErrorCode.NOT_FOUND, "document " + id + " has no CSV");
    }
    return bytes(document, FileSystemArchiveContent.Type.CSV);
  }

  private byte[] bytes(ArchivedDocument document, FileSystemArchiveContent.Type type) {
    if (!document.contentAvailable()) {
      throw new HubException(ErrorCode.CONTENT_DELETED, "document " + document.id() + " passed its retention on "
          + document.retainUntil() + "; its content was deleted, its hash still verifies copies")
          .with("contentDeletedAt", document.contentDeletedAt());
    }
    return content.read(document.id(), document.createdAt(), type).orElseThrow(() -> new HubException(
        ErrorCode.ARCHIVE_UNAVAILABLE, "the archive has no " + type + " for document " + document.id()));
  }

  /** Revokes a document (issued in error, superseded ...): verification then answers {@code revoked}. */
  public ArchivedDocument revoke(CallerIdentity caller, String id, String reason) {
    caller.requireIdentified();
    ArchivedDocument document = store.find(id).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
        "no archived document " + id));
    boolean committee = caller.roles().contains(COMMITTEE);
    boolean issuingUnitHead = caller.roles().contains(UNIT_HEAD) && caller.agency().equals(document.agency())
        && caller.unit().equals(document.unit());
    if (!committee && !issuingUnitHead) {
      throw new HubException(ErrorCode.ROLE_REQUIRED,
          "only a caller with role committee, or role unit_head of the issuing unit, may revoke a document");
    }
    if (reason == null || reason.isBlank()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "state the reason for revoking");
    }
    if (!store.revoke(id, clock.instant(), caller.agency() + "/" + caller.unit() + "/" + caller.officer(),
        reason.strip())) {
      throw new HubException(ErrorCode.INVALID_STATE, "document " + id + " is already revoked");
    }
    log.info("archive document {} revoked by {}/{}", id, caller.agency(), caller.officer());
    return store.find(id).orElseThrow();
  }

  /**
   * Which extracts exist about a subject (for the citizen's "who used my data" request). The
   * clear ID is turned into its pseudonym in memory and goes nowhere else.
   */
  public List<ArchivedDocument> extractsAbout(CallerIdentity caller, String subjectType, String subjectId) {
    if (!caller.roles().contains(COMMITTEE)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role committee may list the extracts "
          + "about a subject");
    }
    if (!SubjectId.isValidThirteenDigit(subjectId)) {
      throw new HubException(ErrorCode.INVALID_SUBJECT_ID, "subjectId must be 13 digits with a valid check digit");
    }
    String type = subjectType == null || subjectType.isBlank() ? "citizen_id" : subjectType;
    return store.extractsAbout(pseudonymizer.pseudonym(type, subjectId));
  }

  /** Retention now (the {@code archive.retention} flow). */
  public int purgeExpired() {
    return purgeExpired(clock.instant());
  }

  /**
   * Deletes the bytes of every document whose retention ended by {@code asOf}; the metadata and
   * both hashes stay, so a copy still verifies.
   *
   * @return how many documents lost their content
   */
  public int purgeExpired(Instant asOf) {
    int purged = 0;
    List<ArchivedDocument> batch;
    do {
      batch = store.expired(asOf, PURGE_BATCH);
      for (ArchivedDocument d : batch) {
        content.delete(d.id(), d.createdAt(), FileSystemArchiveContent.Type.PDF);
        content.delete(d.id(), d.createdAt(), FileSystemArchiveContent.Type.CSV);
        if (store.markContentDeleted(d.id(), clock.instant())) {
          purged++;
        }
      }
    } while (batch.size() == PURGE_BATCH);
    if (purged > 0) {
      log.info("archive retention: deleted the content of {} documents (retention ended by {})", purged, asOf);
    }
    return purged;
  }

  public boolean contentExists(ArchivedDocument document) {
    return content.exists(document.id(), document.createdAt(), FileSystemArchiveContent.Type.PDF);
  }

  /** The certificate that signs documents now (PEM), for verifiers outside the hub. */
  public String certificatePem() {
    return Signatures.toPem(signer.certificate());
  }

  public ArchiveProperties properties() {
    return properties;
  }
}
