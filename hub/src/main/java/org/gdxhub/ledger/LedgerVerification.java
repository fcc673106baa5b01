package org.gdxhub.ledger;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Result of verifying the ledger, or an export of a range of it: every entry's content hash
 * and link, the sequence without gaps, and every signed checkpoint against trusted certificates.
 *
 * @param firstSeq first entry seen, null when none
 * @param lastSeq last entry seen, null when none
 * @param checkpointsChecked checkpoints whose hash and signature were verified
 * @param signedThroughSeq the last entry covered by a valid checkpoint (and so are all entries before it), or null
 * @param unsignedEntries valid entries after the last checkpoint: chained, but not yet vouched for by a signature
 * @param firstBroken the first problem found, or null when valid; verification stops there
 */
public record LedgerVerification(
    boolean valid,
    long entriesChecked,
    Long firstSeq,
    Long lastSeq,
    long checkpointsChecked,
    Long signedThroughSeq,
    long unsignedEntries,
    Problem firstBroken) {

  /**
   * @param seq the entry (or checkpoint) where verification failed
   * @param id the entry id when known
   */
  public record Problem(long seq, String id, Kind kind, String problem) {}

  /** What went wrong, as a stable snake_case code. */
  public enum Kind {
    /** The entry's content does not hash to its stored hash. */
    CONTENT_HASH,
    /** The entry's prev_hash is not the previous entry's hash. */
    LINK,
    /** Entries are missing, duplicated or out of order. */
    GAP,
    /** A checkpoint signs a hash other than its entry's, or its entry is missing. */
    CHECKPOINT_MISMATCH,
    /** A checkpoint's signature does not verify. */
    CHECKPOINT_SIGNATURE,
    /** A checkpoint is signed by a key that is not trusted. */
    UNKNOWN_KEY,
    /** Entries at the end are missing (the chain head or the export's trailer counts more). */
    TRUNCATED,
    /** The export is not in the expected format. */
    FORMAT;

    @JsonValue
    public String code() {
      return name().toLowerCase();
    }
  }
}
