package org.gdxhub.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

public enum AccessRequestStatus {
  PENDING, APPROVED, REJECTED;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  public static AccessRequestStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
