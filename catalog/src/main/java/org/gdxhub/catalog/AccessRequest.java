package org.gdxhub.catalog;

import java.time.Instant;
import java.util.List;

/** A consuming agency's request for access to a dataset, for a purpose and legal basis. */
public record AccessRequest(
    String id,
    String datasetId,
    String consumerAgency,
    String consumerUnit,
    String purpose,
    String legalBasis,
    List<String> fields,
    AccessRequestStatus status,
    String requestedBy,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String decisionReason,
    String agreementId) {

  public AccessRequest {
    fields = List.copyOf(fields);
  }
}
