package org.gdxhub.archive;

import java.time.Instant;
import java.util.List;

import org.gdxhub.ledger.LedgerAnomaly;

/**
 * What a unit head sees before signing off a month: the unit's usage from the ledger
 * statistics, the anomalies found for the unit, the sign-off window and any sign-off so far.
 *
 * @param lookups the unit's ledger entries in the month (allowed and denied)
 * @param officers distinct officers of the unit seen in the ledger in the month
 * @param agencyLookups the whole agency's lookups in the month, for comparison
 * @param opensAt the window opens when the month is over
 * @param deadline the end of the deadline day of the next month (exclusive)
 */
public record UnitMonth(
    String agency,
    String unit,
    String month,
    long lookups,
    long officers,
    long agencyLookups,
    List<LedgerAnomaly> anomalies,
    Instant opensAt,
    Instant deadline,
    boolean open,
    SignOff signOff) {

  public UnitMonth {
    anomalies = List.copyOf(anomalies);
  }
}
