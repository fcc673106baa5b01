package org.gdxhub.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An approved access request: the consumer may look up the dataset for these purposes and
 * legal bases, these fields, these units (empty: all units), between the validity dates.
 * Versioned: every change bumps {@code version} and keeps the previous one as a revision.
 */
public record Agreement(
    String id,
    int version,
    String datasetId,
    String ownerAgency,
    String consumerAgency,
    List<String> units,
    List<String> purposes,
    List<String> legalBases,
    List<String> fields,
    LocalDate validFrom,
    LocalDate validUntil,
    AgreementStatus status,
    boolean onlineAccess,
    String approvedBy,
    Instant approvedAt,
    String requestId) {

  public Agreement {
    units = List.copyOf(units);
    purposes = List.copyOf(purposes);
    legalBases = List.copyOf(legalBases);
    fields = List.copyOf(fields);
  }

  public boolean activeOn(LocalDate date) {
    return status == AgreementStatus.APPROVED && !date.isBefore(validFrom) && !date.isAfter(validUntil);
  }
}
