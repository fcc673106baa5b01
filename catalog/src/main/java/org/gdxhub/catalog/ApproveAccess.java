package org.gdxhub.catalog;

import static org.gdxhub.catalog.RegisterDataset.require;

import java.time.LocalDate;
import java.util.List;

/**
 * The owner's approval: validity dates, and optionally a narrower field list than requested.
 * {@code onlineAccess} grants lookups without the citizen's card present.
 */
public record ApproveAccess(LocalDate validFrom, LocalDate validUntil, List<String> fields, boolean onlineAccess) {

  public ApproveAccess validated() {
    require(validFrom != null && validUntil != null, "validFrom and validUntil are required");
    require(!validUntil.isBefore(validFrom), "validUntil must not be before validFrom");
    return this;
  }
}
