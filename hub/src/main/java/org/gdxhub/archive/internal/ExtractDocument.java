package org.gdxhub.archive.internal;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything printed on a certified extract. {@code contentJson} is the canonical JSON of the
 * released data and its context, embedded in the PDF as {@code extract.json}; {@code contentHash}
 * is its SHA-256.
 */
public record ExtractDocument(
    String id,
    String reference,
    ZonedDateTime issuedAt,
    String issuerTh,
    String issuerEn,
    String datasetId,
    String datasetTitleTh,
    String datasetTitleEn,
    String ownerTh,
    String ownerEn,
    String consumerTh,
    String consumerEn,
    String unitTh,
    String unitEn,
    String officer,
    String purpose,
    String legalBasis,
    String caseRef,
    boolean cardPresent,
    ZonedDateTime lookedUpAt,
    String agreementId,
    String ledgerEntryId,
    String sourceLedgerEntryId,
    List<Field> fields,
    byte[] contentJson,
    String contentHash,
    String verifyUrl,
    String signer) {

  /** One released field: its labels from the catalog and its value as the source gave it. */
  public record Field(String name, String labelTh, String labelEn, Object value) {}
}
