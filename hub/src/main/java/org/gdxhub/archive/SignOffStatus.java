package org.gdxhub.archive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/** A unit head's attestation for a month. */
public enum SignOffStatus {
  /** "No abnormality": the unit's usage in the month is as expected. */
  NO_ABNORMALITY,
  /** The unit head reports an abnormality (the note says what) to IT security and the committee. */
  FLAGGED;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  @JsonCreator
  public static SignOffStatus fromWire(String wire) {
    for (SignOffStatus s : values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new HubException(ErrorCode.INVALID_REQUEST, "status must be no_abnormality or flagged");
  }
}
