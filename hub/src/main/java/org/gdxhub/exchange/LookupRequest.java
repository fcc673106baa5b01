package org.gdxhub.exchange;

import java.util.List;

/**
 * A consumer's lookup of one subject in one dataset.
 *
 * @param subjectType {@code citizen_id} (default) or {@code juristic_id}
 * @param caseRef the officer's case or reference number
 * @param cardPresent true when the citizen's smart ID card was read at the counter
 * @param agreementId optional: the agreement to act under; by default the active one is used
 * @param fields optional: the fields wanted; by default every granted field
 */
public record LookupRequest(
    String subjectId,
    String subjectType,
    String purpose,
    String legalBasis,
    String caseRef,
    boolean cardPresent,
    String agreementId,
    List<String> fields) {

  public static final String CITIZEN_ID = "citizen_id";
  public static final String JURISTIC_ID = "juristic_id";

  public LookupRequest {
    subjectType = subjectType == null || subjectType.isBlank() ? CITIZEN_ID : subjectType;
    legalBasis = legalBasis == null ? "" : legalBasis.trim();
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
