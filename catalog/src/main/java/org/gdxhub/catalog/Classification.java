package org.gdxhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/** Data categories named by the governance framework. */
public enum Classification {
  PUBLIC, PERSONAL, SECURITY, SECRET;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  @JsonCreator
  public static Classification fromWire(String value) {
    for (Classification c : values()) {
      if (c.wire().equals(value)) {
        return c;
      }
    }
    throw new HubException(ErrorCode.INVALID_REQUEST, "classification must be one of public, personal, security, secret");
  }
}
