package org.gdxhub.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

public enum AgreementStatus {
  APPROVED, SUSPENDED, REVOKED;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  public static AgreementStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
