package org.gdxhub.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a dataset: only published datasets can be looked up. */
public enum DatasetStatus {
  DRAFT, PUBLISHED, RETIRED;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  public static DatasetStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
