package org.gdxhub.archive;

import java.util.List;

/**
 * An officer's request for a certified extract of a lookup they made.
 *
 * @param ledgerEntryId the served lookup's ledger entry (or give {@code requestId})
 * @param requestId the served lookup's request id
 * @param subjectId the subject's clear ID again: the ledger holds only its pseudonym, and the hub
 *     checks that it is the one the lookup was about; it is not stored
 * @param fields optional: a subset of the lookup's released fields; by default all of them
 */
public record ExtractRequest(String ledgerEntryId, String requestId, String subjectId, List<String> fields) {

  public ExtractRequest {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
