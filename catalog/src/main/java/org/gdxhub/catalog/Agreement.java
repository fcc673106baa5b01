package org.gdxhub.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An approved access request: the consumer may look up the dataset for these purposes and
 * legal bases, these fields, these units (empty: all units), between the validity dates.
 * {@code purposeFields} names, per purpose, the fields that purpose needs (minimisation);
 * {@code dailyQuota} caps lookups per day (0: no cap). Versioned: every change bumps
 * {@code version} and keeps the previous one as a revision.
 */
public record Agreement(
    String id,
    int version,
    String datasetId,
    String ownerAgency,
    String consumerAgency,
    List<String> units,
    List<String> purposes,
    Map<String, List<String>> purposeFields,
    List<String> legalBases,
    List<String> fields,
    LocalDate validFrom,
    LocalDate validUntil,
    AgreementStatus status,
    boolean onlineAccess,
    int dailyQuota,
    String approvedBy,
    Instant approvedAt,
    String requestId) {

  public Agreement {
    units = List.copyOf(units);
    purposes = List.copyOf(purposes);
    var copy = new LinkedHashMap<String, List<String>>();
    (purposeFields == null ? Map.<String, List<String>>of() : purposeFields).forEach((k, v) -> copy.put(k, List.copyOf(v)));
    purposeFields = java.util.Collections.unmodifiableMap(copy);
    legalBases = List.copyOf(legalBases);
    fields = List.copyOf(fields);
  }

  /** The next version of this agreement with the given changes (the caller persists it). */
  public Agreement nextVersion(List<String> purposes, Map<String, List<String>> purposeFields, List<String> legalBases,
      LocalDate validUntil, AgreementStatus status, boolean onlineAccess, int dailyQuota) {
    return new Agreement(id, version + 1, datasetId, ownerAgency, consumerAgency, units, purposes, purposeFields,
        legalBases, fields, validFrom, validUntil, status, onlineAccess, dailyQuota, approvedBy, approvedAt, requestId);
  }

  public boolean activeOn(LocalDate date) {
    return status == AgreementStatus.APPROVED && !date.isBefore(validFrom) && !date.isAfter(validUntil);
  }
}
