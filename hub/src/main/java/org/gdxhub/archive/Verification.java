package org.gdxhub.archive;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The answer to "is this document genuine?". It names the document and its ledger entry but
 * never any personal data, because the verify page is public.
 *
 * @param status valid, tampered, revoked or unknown
 * @param problems why a document is not valid (empty when valid)
 * @param signature the PDF signature check, when a PDF was given (null for id + hash)
 */
public record Verification(
    Status status,
    String documentId,
    DocumentKind kind,
    String reference,
    String title,
    Instant issuedAt,
    String datasetId,
    String period,
    String ledgerEntryId,
    String sourceLedgerEntryId,
    String contentHash,
    Instant revokedAt,
    String revocationReason,
    boolean contentDeleted,
    SignatureCheck signature,
    List<String> problems) {

  public Verification {
    problems = List.copyOf(problems);
  }

  /** Outcome of a verification. */
  public enum Status {
    /** Issued by this hub, unchanged, not revoked. */
    VALID,
    /** A document this hub issued, but these bytes or this hash are not what it issued. */
    TAMPERED,
    /** Issued by this hub and unchanged, but revoked since. */
    REVOKED,
    /** Not a document this hub issued (or no longer known to it). */
    UNKNOWN;

    @JsonValue
    public String wire() {
      return name().toLowerCase();
    }
  }

  /**
   * @param present the PDF holds a signature
   * @param valid the CMS signature verifies over the signed byte ranges with its certificate
   * @param coversWholeFile nothing was appended after the signed bytes
   * @param trusted the signing certificate is one the hub's archive signed with
   * @param signer subject of the signing certificate
   * @param keyId SHA-256 fingerprint of the signing certificate
   */
  public record SignatureCheck(boolean present, boolean valid, boolean coversWholeFile, boolean trusted,
      String signer, String keyId, Instant signedAt) {

    public boolean ok() {
      return present && valid && coversWholeFile && trusted;
    }
  }
}
