package org.gdxhub.archive;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The committee's view of a month's sign-offs: every unit with lookups in the month (or a
 * sign-off), and separately the flagged and the unsigned ones.
 *
 * @param deadlinePassed true once the deadline is over: unsigned units are then overdue
 */
public record SignOffOverview(
    String month,
    Instant deadline,
    boolean deadlinePassed,
    List<UnitState> units,
    List<UnitState> flagged,
    List<UnitState> unsigned) {

  public SignOffOverview {
    units = List.copyOf(units);
    flagged = List.copyOf(flagged);
    unsigned = List.copyOf(unsigned);
  }

  /** One unit's state for the month. */
  public record UnitState(String agency, String unit, long lookups, State state, SignOff signOff) {}

  /** Where a unit stands. */
  public enum State {
    ATTESTED, FLAGGED, UNSIGNED, OVERDUE;

    @JsonValue
    public String wire() {
      return name().toLowerCase();
    }
  }
}
