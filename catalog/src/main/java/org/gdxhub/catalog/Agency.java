package org.gdxhub.catalog;

import java.util.List;

/** A government agency (owner, consumer or both) and its organisation units. */
public record Agency(String code, String nameTh, String nameEn, String ministry, List<AgencyUnit> units) {

  public Agency {
    units = units == null ? List.of() : List.copyOf(units);
  }

  public record AgencyUnit(String code, String nameTh, String nameEn) {}
}
