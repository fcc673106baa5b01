package org.gdxhub.ledger;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

import org.gdxhub.policy.PolicyDecision;

/**
 * What happened in one exchange, as the exchange pipeline hands it to the ledger. The
 * ledger adds the sequence number, entry id, time and hashes.
 *
 * @param subjectPseudonym keyed HMAC of the subject ID, never the clear value
 * @param outcome served, denied, invalid_request, not_found, source_error ...
 */
public record ExchangeRecord(
    String requestId,
    String agency,
    String unit,
    String officer,
    String datasetId,
    String agreementId,
    Integer agreementVersion,
    String purpose,
    String legalBasis,
    String caseRef,
    boolean cardPresent,
    String subjectType,
    String subjectPseudonym,
    Decision decision,
    List<PolicyDecision.Reason> reasons,
    List<String> fieldsReleased,
    Long connectorLatencyMs,
    String outcome) {

  public ExchangeRecord {
    reasons = List.copyOf(reasons);
    fieldsReleased = List.copyOf(fieldsReleased);
  }

  public enum Decision {
    ALLOW, DENY;

    @JsonValue
    public String wire() {
      return name().toLowerCase();
    }
  }
}
