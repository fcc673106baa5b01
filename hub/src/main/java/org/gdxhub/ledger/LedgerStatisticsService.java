package org.gdxhub.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gdxhub.ledger.LedgerStatistics.AgencyMonth;
import org.gdxhub.ledger.LedgerStatistics.AgencyTotal;
import org.gdxhub.ledger.LedgerStatistics.DatasetTotal;
import org.gdxhub.ledger.LedgerStatistics.ReasonCount;
import org.gdxhub.ledger.LedgerStatistics.Totals;
import org.gdxhub.ledger.LedgerStatistics.UnitMonth;
import org.gdxhub.ledger.LedgerStatistics.UnitTotal;

/**
 * Computes {@link LedgerStatistics} from the search index with a handful of grouped counts
 * ({@link LedgerIndex#countBy}), so both backends give the same numbers by construction and
 * they match the system of record whenever the index is caught up.
 */
public class LedgerStatisticsService {

  private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

  private final LedgerIndex index;
  private final ZoneId zone;

  public LedgerStatisticsService(LedgerIndex index, ZoneId zone) {
    this.index = index;
    this.zone = zone;
  }

  /**
   * @param from inclusive, or null for the first entry's month
   * @param to exclusive, or null for the last entry's month
   * @param top how many units the top and bottom lists hold
   */
  public LedgerStatistics statistics(Instant from, Instant to, int top) {
    LedgerSearch filter = LedgerSearch.builder().from(from).to(to).build();
    Map<List<String>, Long> byUnitMonth = index.countBy(filter,
        List.of(LedgerField.AGENCY, LedgerField.UNIT, LedgerField.LOCAL_MONTH));
    Map<List<String>, Long> byAgencyDecision = index.countBy(filter, List.of(LedgerField.AGENCY, LedgerField.DECISION));
    Map<List<String>, Long> byOfficer = index.countBy(filter,
        List.of(LedgerField.AGENCY, LedgerField.UNIT, LedgerField.OFFICER));
    Map<List<String>, Long> byReason = index.countBy(filter.toBuilder().decision("deny").build(),
        List.of(LedgerField.REASON_CODE));
    Map<List<String>, Long> byDatasetDecision = index.countBy(filter,
        List.of(LedgerField.DATASET, LedgerField.DECISION));

    List<String> months = months(from, to, byUnitMonth.keySet().stream().map(k -> k.get(2)).filter(Objects::nonNull)
        .toList());
    int monthCount = months.size();

    Map<List<String>, Long> agencyMonth = new TreeMap<>(KEYS);
    Map<List<String>, Long> unitTotals = new TreeMap<>(KEYS);
    Map<String, Long> agencyTotals = new TreeMap<>(NULLS_LAST);
    List<UnitMonth> perUnitMonth = new ArrayList<>();
    long total = 0;
    for (var e : sorted(byUnitMonth)) {
      List<String> k = e.getKey();
      agencyMonth.merge(List.of(nz(k.get(0)), nz(k.get(2))), e.getValue(), Long::sum);
      unitTotals.merge(pair(k.get(0), k.get(1)), e.getValue(), Long::sum);
      agencyTotals.merge(k.get(0), e.getValue(), Long::sum);
      perUnitMonth.add(new UnitMonth(k.get(0), k.get(1), k.get(2), e.getValue()));
      total += e.getValue();
    }
    List<AgencyMonth> perAgencyMonth = agencyMonth.entrySet().stream()
        .map(e -> new AgencyMonth(un(e.getKey().get(0)), un(e.getKey().get(1)), e.getValue())).toList();

    Map<List<String>, Long> officers = new TreeMap<>(KEYS);
    byOfficer.keySet().forEach(k -> officers.merge(pair(k.get(0), k.get(1)), k.get(2) == null ? 0L : 1L, Long::sum));
    List<UnitTotal> perUnit = unitTotals.entrySet().stream()
        .map(e -> new UnitTotal(un(e.getKey().get(0)), un(e.getKey().get(1)), e.getValue(),
            average(e.getValue(), monthCount), officers.getOrDefault(e.getKey(), 0L)))
        .toList();
    Comparator<UnitTotal> byName = Comparator.comparing(UnitTotal::agency, NULLS_LAST)
        .thenComparing(UnitTotal::unit, NULLS_LAST);
    List<UnitTotal> topUnits = perUnit.stream()
        .sorted(Comparator.comparingLong(UnitTotal::lookups).reversed().thenComparing(byName)).limit(top).toList();
    List<UnitTotal> bottomUnits = perUnit.stream()
        .sorted(Comparator.comparingLong(UnitTotal::lookups).thenComparing(byName)).limit(top).toList();

    long allowed = 0;
    long denied = 0;
    Map<String, long[]> agencyDecisions = new TreeMap<>(NULLS_LAST);
    for (var e : byAgencyDecision.entrySet()) {
      boolean allow = "allow".equals(e.getKey().get(1));
      agencyDecisions.computeIfAbsent(e.getKey().get(0), a -> new long[2])[allow ? 0 : 1] += e.getValue();
      if (allow) {
        allowed += e.getValue();
      } else {
        denied += e.getValue();
      }
    }
    List<AgencyTotal> perAgency = new ArrayList<>();
    agencyTotals.forEach((agency, lookups) -> {
      long[] d = agencyDecisions.getOrDefault(agency, new long[2]);
      perAgency.add(new AgencyTotal(agency, lookups, d[0], d[1], average(lookups, monthCount)));
    });

    List<ReasonCount> denialsByReason = byReason.entrySet().stream().filter(e -> e.getKey().get(0) != null)
        .map(e -> new ReasonCount(e.getKey().get(0), e.getValue()))
        .sorted(Comparator.comparingLong(ReasonCount::denials).reversed().thenComparing(ReasonCount::reason))
        .toList();

    Map<String, long[]> datasets = new TreeMap<>(NULLS_LAST);
    byDatasetDecision.forEach((k, v) -> datasets.computeIfAbsent(k.get(0), d -> new long[2])
        ["allow".equals(k.get(1)) ? 0 : 1] += v);
    List<DatasetTotal> perDataset = datasets.entrySet().stream()
        .map(e -> new DatasetTotal(e.getKey(), e.getValue()[0] + e.getValue()[1], e.getValue()[0], e.getValue()[1]))
        .toList();

    return new LedgerStatistics(index.name(), from, to, zone.getId(), months,
        new Totals(total, allowed, denied, monthCount, average(total, monthCount)), perAgencyMonth, perAgency,
        perUnitMonth, perUnit, topUnits, bottomUnits, denialsByReason, perDataset);
  }

  private List<String> months(Instant from, Instant to, List<String> seen) {
    TreeSet<String> present = new TreeSet<>(seen);
    YearMonth first = from != null ? YearMonth.from(from.atZone(zone))
        : present.isEmpty() ? null : YearMonth.parse(present.first());
    YearMonth last = to != null ? YearMonth.from(to.minusNanos(1000).atZone(zone))
        : present.isEmpty() ? null : YearMonth.parse(present.last());
    List<String> months = new ArrayList<>();
    if (first == null || last == null) {
      return months;
    }
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m.toString());
    }
    return months;
  }

  private static double average(long count, int months) {
    return months == 0 ? 0 : Math.round(count * 100.0 / months) / 100.0;
  }

  // TreeMap keys cannot hold nulls in comparisons of List.of; encode missing as a marker.
  private static final String NONE = "\u0000";
  private static final Comparator<List<String>> KEYS = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private static List<String> pair(String a, String b) {
    return List.of(nz(a), nz(b));
  }

  private static String nz(String v) {
    return v == null ? NONE : v;
  }

  private static String un(String v) {
    return NONE.equals(v) ? null : v;
  }

  private static List<Map.Entry<List<String>, Long>> sorted(Map<List<String>, Long> counts) {
    Comparator<List<String>> keys = (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = NULLS_LAST.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
    return counts.entrySet().stream().sorted(Map.Entry.comparingByKey(keys)).toList();
  }
}
