package org.gdxhub.catalog;

import static org.gdxhub.catalog.RegisterDataset.require;

import java.time.LocalDate;
import java.util.List;

/**
 * The owner's approval: validity dates, and optionally a narrower field list than requested.
 * {@code onlineAccess} grants lookups without the citizen's card present; {@code dailyQuota}
 * caps lookups per day (null or 0: no cap).
 */
public record ApproveAccess(LocalDate validFrom, LocalDate validUntil, List<String> fields, boolean onlineAccess,
    Integer dailyQuota) {

  public ApproveAccess validated() {
    require(validFrom != null && validUntil != null, "validFrom and validUntil are required");
    require(!validUntil.isBefore(validFrom), "validUntil must not be before validFrom");
    require(dailyQuota == null || dailyQuota >= 0, "dailyQuota must be 0 (none) or more");
    return this;
  }
}
