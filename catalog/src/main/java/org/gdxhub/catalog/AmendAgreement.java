package org.gdxhub.catalog;

import static org.gdxhub.catalog.RegisterDataset.require;

import java.time.LocalDate;
import java.util.List;

/**
 * An amendment to an agreement, as an MOU amendment would: add a purpose (with the fields
 * it needs) or a legal basis, extend the validity, grant or withdraw online access, change
 * the daily quota. Null members leave the agreement as it is.
 */
public record AmendAgreement(
    String addPurpose,
    List<String> purposeFields,
    String addLegalBasis,
    LocalDate validUntil,
    Boolean onlineAccess,
    Integer dailyQuota) {

  public AmendAgreement validated() {
    require(addPurpose != null || addLegalBasis != null || validUntil != null || onlineAccess != null
        || dailyQuota != null, "an amendment must change something");
    require(purposeFields == null || addPurpose != null, "purposeFields go with addPurpose");
    require(dailyQuota == null || dailyQuota >= 0, "dailyQuota must be 0 (none) or more");
    return this;
  }
}
