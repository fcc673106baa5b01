package org.gdxhub.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The committee's usage report, computed from the search index. An organisation is a
 * consuming agency, a section is one of its units. Months are calendar months in the reporting
 * time zone; a monthly average divides by every month of the period (months without lookups
 * count). Officers per unit are the distinct officers seen in the ledger in the period (the
 * catalog does not list officers).
 */
public record LedgerStatistics(
    String backend,
    Instant from,
    Instant to,
    String zone,
    List<String> months,
    Totals totals,
    List<AgencyMonth> perAgencyMonth,
    List<AgencyTotal> perAgency,
    List<UnitMonth> perUnitMonth,
    List<UnitTotal> perUnit,
    List<UnitTotal> topUnits,
    List<UnitTotal> bottomUnits,
    List<ReasonCount> denialsByReason,
    List<DatasetTotal> perDataset) {

  public record Totals(long lookups, long allowed, long denied, int months, double monthlyAverage) {}

  public record AgencyMonth(String agency, String month, long lookups) {}

  public record AgencyTotal(String agency, long lookups, long allowed, long denied, double monthlyAverage) {}

  public record UnitMonth(String agency, String unit, String month, long lookups) {}

  public record UnitTotal(String agency, String unit, long lookups, double monthlyAverage, long officers) {}

  public record ReasonCount(String reason, long denials) {}

  public record DatasetTotal(String dataset, long lookups, long allowed, long denied) {}
}
