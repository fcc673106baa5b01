package org.gdxhub.archive;

import java.time.Instant;

/**
 * The metadata the archive keeps about a document, for good: after the retention period the
 * bytes are deleted ({@code contentDeletedAt}) but the hashes still verify a copy.
 *
 * @param reference the number printed on the document
 * @param agency the agency (unit, officer) that asked for it
 * @param ledgerEntryId extracts: the ledger entry of the lookup that issued it (outcome {@code extract_issued})
 * @param sourceLedgerEntryId extracts: the served lookup it certifies
 * @param subjectPseudonym extracts: the subject's keyed pseudonym (never the clear ID)
 * @param period reports: the month, {@code yyyy-MM}
 * @param contentHash SHA-256 (hex) of the data the document renders, embedded in it as a file
 *     ({@code extract.json} or {@code report.csv}) and printed on it
 * @param fileHash SHA-256 (hex) of the signed PDF exactly as issued
 * @param keyId fingerprint of the certificate that signed it
 * @param hasCsv reports also have a CSV
 */
public record ArchivedDocument(
    String id,
    DocumentKind kind,
    String reference,
    String title,
    Instant createdAt,
    String agency,
    String unit,
    String officer,
    String datasetId,
    String ledgerEntryId,
    String sourceLedgerEntryId,
    String subjectType,
    String subjectPseudonym,
    String period,
    String contentHash,
    String fileHash,
    long fileSize,
    boolean hasCsv,
    String keyId,
    Instant retainUntil,
    Instant contentDeletedAt,
    Instant revokedAt,
    String revokedBy,
    String revocationReason) {

  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean contentAvailable() {
    return contentDeletedAt == null;
  }
}
