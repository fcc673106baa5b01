package org.gdxhub.archive;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gdxhub.ledger.LedgerAnomaly;
import org.gdxhub.ledger.LedgerStatistics;

/**
 * The committee's monthly governance report, as numbers. Every figure comes from the ledger
 * statistics and anomaly services over the month (and, for the trend, over the
 * {@code trendMonths} ending with it), so it equals what {@code /api/v1/ledger/statistics}
 * answers for the same period.
 *
 * @param month {@code yyyy-MM}
 * @param from the month's first instant in the reporting time zone (inclusive)
 * @param to the next month's first instant (exclusive)
 * @param statistics the month's statistics (per agency, per unit, top and bottom units, denials ...)
 * @param trend the statistics of the trend period (per agency per month, totals per month)
 * @param anomalies the anomalies found in the month
 * @param agencyNames agency code to Thai and English name, from the catalog
 * @param unitNames agency code + "/" + unit code to Thai and English name
 */
public record MonthlyReport(
    String month,
    Instant from,
    Instant to,
    String zone,
    LedgerStatistics statistics,
    LedgerStatistics trend,
    List<LedgerAnomaly> anomalies,
    Map<String, Names> agencyNames,
    Map<String, Names> unitNames) {

  /** A name in Thai and English. */
  public record Names(String th, String en) {}

  /** Lookups per month of the trend period, in month order (months without lookups are 0). */
  public List<MonthTotal> monthlyTotals() {
    return trend.months().stream().map(m -> new MonthTotal(m, trend.perAgencyMonth().stream()
        .filter(r -> m.equals(r.month())).mapToLong(LedgerStatistics.AgencyMonth::lookups).sum())).toList();
  }

  public record MonthTotal(String month, long lookups) {}

  /** Distinct officers seen per unit, summed over the units of the month. */
  public long officers() {
    return statistics.perUnit().stream().mapToLong(LedgerStatistics.UnitTotal::officers).sum();
  }

  /** Printed for entries without a caller (requests rejected before anyone was identified). */
  public static final String UNIDENTIFIED = "ไม่ระบุ (unidentified)";

  /** The unit's Thai name from the catalog, else its code. */
  public String unitName(String agency, String unit) {
    if (unit == null) {
      return UNIDENTIFIED;
    }
    Names n = unitNames.get(agency + "/" + unit);
    return n == null ? unit : n.th();
  }

  /** The agency's Thai name from the catalog, else its code. */
  public String agencyName(String agency) {
    if (agency == null) {
      return UNIDENTIFIED;
    }
    Names n = agencyNames.get(agency);
    return n == null ? agency : n.th();
  }

  /** The unit's name and, when the catalog knows it, its code in brackets. */
  public String unitLabel(String agency, String unit) {
    String name = unitName(agency, unit);
    return unit == null || name.equals(unit) ? name : name + " (" + unit + ")";
  }

  public String agencyLabel(String agency) {
    String name = agencyName(agency);
    return agency == null || name.equals(agency) ? name : name + " (" + agency + ")";
  }
}
