package org.gdxhub.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A subscription receives events while active; cancelling is final. */
public enum SubscriptionStatus {
  ACTIVE, CANCELLED;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  public static SubscriptionStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
