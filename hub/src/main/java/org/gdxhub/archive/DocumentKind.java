package org.gdxhub.archive;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an archived document is. */
public enum DocumentKind {
  /** A certified extract of one served lookup. */
  EXTRACT,
  /** The committee's monthly governance report. */
  REPORT;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  public static DocumentKind fromWire(String wire) {
    return valueOf(wire.toUpperCase());
  }
}
