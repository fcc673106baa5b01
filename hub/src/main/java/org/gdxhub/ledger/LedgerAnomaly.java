package org.gdxhub.ledger;

import java.util.List;

/**
 * Something in the ledger the committee should look at, with the entries that show it.
 *
 * @param type {@link #OFFICER_VOLUME}, {@link #OFF_HOURS}, {@link #REPEATED_DENIALS} or {@link #SUBJECT_MANY_UNITS}
 * @param day the local day (reporting time zone) for per-day anomalies, else null
 * @param count the lookups (or denials, or units) that triggered it
 * @param ownBaseline the officer's median daily lookups over the baseline window (volume only)
 * @param unitBaseline the median daily lookups per officer of the unit over the baseline window (volume only)
 * @param evidenceTotal how many entries show it; {@code evidenceEntryIds} lists the newest of them
 */
public record LedgerAnomaly(
    String type,
    String agency,
    String unit,
    String officer,
    String subjectPseudonym,
    String day,
    long count,
    Double ownBaseline,
    Double unitBaseline,
    String detail,
    long evidenceTotal,
    List<String> evidenceEntryIds) {

  public static final String OFFICER_VOLUME = "officer_volume";
  public static final String OFF_HOURS = "off_hours";
  public static final String REPEATED_DENIALS = "repeated_denials";
  public static final String SUBJECT_MANY_UNITS = "subject_many_units";

  public LedgerAnomaly {
    evidenceEntryIds = List.copyOf(evidenceEntryIds);
  }
}
