package org.gdxhub.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds anomalies in a period from the search index:
 * <ul>
 *   <li>{@code officer_volume}: an officer's lookups on a day exceed k times their own median
 *       daily lookups, or k times their unit's median per officer and day, over the
 *       {@code baselineDays} before that day (medians over days with lookups); days below
 *       {@code minDailyVolume} are ignored;</li>
 *   <li>{@code off_hours}: lookups outside office hours in the reporting time zone, per officer;</li>
 *   <li>{@code repeated_denials}: an officer denied at least {@code repeatedDenials} times in a day;</li>
 *   <li>{@code subject_many_units}: one subject pseudonym looked up by at least {@code subjectUnits}
 *       distinct units (agency and unit).</li>
 * </ul>
 */
public class LedgerAnomalyService {

  private final LedgerIndex index;
  private final ZoneId zone;
  private final LedgerSearchProperties.Anomalies settings;

  public LedgerAnomalyService(LedgerIndex index, ZoneId zone, LedgerSearchProperties.Anomalies settings) {
    this.index = index;
    this.zone = zone;
    this.settings = settings;
  }

  /** Anomalies among the entries in [from, to), newest evidence first. */
  public List<LedgerAnomaly> anomalies(Instant from, Instant to) {
    List<LedgerAnomaly> found = new ArrayList<>();
    found.addAll(volume(from, to));
    found.addAll(offHours(from, to));
    found.addAll(repeatedDenials(from, to));
    found.addAll(subjectsSeenByManyUnits(from, to));
    return found;
  }

  List<LedgerAnomaly> volume(Instant from, Instant to) {
    LocalDate firstDay = from.atZone(zone).toLocalDate();
    LocalDate lastDay = to.minusNanos(1000).atZone(zone).toLocalDate();
    Instant baselineStart = firstDay.minusDays(settings.baselineDays()).atStartOfDay(zone).toInstant();
    Map<List<String>, Long> perDay = index.countBy(LedgerSearch.builder().from(baselineStart).to(to).build(),
        List.of(LedgerField.AGENCY, LedgerField.UNIT, LedgerField.OFFICER, LedgerField.LOCAL_DAY));
    // officer -> day -> count, and unit -> day -> list of officer counts
    Map<List<String>, Map<LocalDate, Long>> officers = new HashMap<>();
    Map<List<String>, Map<LocalDate, List<Long>>> units = new HashMap<>();
    perDay.forEach((k, count) -> {
      if (k.get(2) == null || k.get(3) == null) {
        return;
      }
      LocalDate day = LocalDate.parse(k.get(3));
      officers.computeIfAbsent(k.subList(0, 3), o -> new HashMap<>()).put(day, count);
      units.computeIfAbsent(k.subList(0, 2), u -> new HashMap<>()).computeIfAbsent(day, d -> new ArrayList<>())
          .add(count);
    });
    List<LedgerAnomaly> found = new ArrayList<>();
    double k = settings.volumeFactor();
    officers.forEach((officer, days) -> days.forEach((day, count) -> {
      if (day.isBefore(firstDay) || day.isAfter(lastDay) || count < settings.minDailyVolume()) {
        return;
      }
      LocalDate windowStart = day.minusDays(settings.baselineDays());
      List<Long> own = new ArrayList<>();
      days.forEach((d, c) -> {
        if (!d.isBefore(windowStart) && d.isBefore(day)) {
          own.add(c);
        }
      });
      List<Long> unit = new ArrayList<>();
      units.get(officer.subList(0, 2)).forEach((d, cs) -> {
        if (!d.isBefore(windowStart) && d.isBefore(day)) {
          unit.addAll(cs);
        }
      });
      Double ownMedian = median(own);
      Double unitMedian = median(unit);
      boolean aboveOwn = ownMedian != null && count > k * ownMedian;
      boolean aboveUnit = unitMedian != null && count > k * unitMedian;
      if (aboveOwn || aboveUnit) {
        LedgerSearch evidence = LedgerSearch.builder().agency(officer.get(0)).unit(officer.get(1))
            .officer(officer.get(2)).from(day.atStartOfDay(zone).toInstant())
            .to(day.plusDays(1).atStartOfDay(zone).toInstant()).build();
        found.add(anomaly(LedgerAnomaly.OFFICER_VOLUME, officer, null, day.toString(), count, ownMedian, unitMedian,
            count + " lookups on " + day + " exceed " + k + "x the " + (aboveOwn ? "officer's" : "unit's")
                + " median over the previous " + settings.baselineDays() + " days",
            evidence));
      }
    }));
    found.sort(Comparator.comparing(LedgerAnomaly::day).thenComparing(Comparator.comparingLong(LedgerAnomaly::count)
        .reversed()).thenComparing(LedgerAnomaly::officer));
    return found;
  }

  List<LedgerAnomaly> offHours(Instant from, Instant to) {
    LedgerSearch filter = LedgerSearch.builder().from(from).to(to).offHours(true).build();
    Map<List<String>, Long> perOfficer = index.countBy(filter,
        List.of(LedgerField.AGENCY, LedgerField.UNIT, LedgerField.OFFICER));
    List<LedgerAnomaly> found = new ArrayList<>();
    perOfficer.forEach((officer, count) -> found.add(anomaly(LedgerAnomaly.OFF_HOURS, officer, null, null, count,
        null, null, count + " lookups outside office hours (" + zone.getId() + ")",
        filter.toBuilder().agency(officer.get(0)).unit(officer.get(1)).officer(officer.get(2)).build())));
    found.sort(Comparator.comparingLong(LedgerAnomaly::count).reversed()
        .thenComparing(LedgerAnomaly::officer, Comparator.nullsLast(Comparator.naturalOrder())));
    return found;
  }

  List<LedgerAnomaly> repeatedDenials(Instant from, Instant to) {
    LedgerSearch filter = LedgerSearch.builder().from(from).to(to).decision("deny").build();
    Map<List<String>, Long> perDay = index.countBy(filter,
        List.of(LedgerField.AGENCY, LedgerField.UNIT, LedgerField.OFFICER, LedgerField.LOCAL_DAY));
    List<LedgerAnomaly> found = new ArrayList<>();
    perDay.forEach((k, count) -> {
      if (count < settings.repeatedDenials() || k.get(3) == null) {
        return;
      }
      LocalDate day = LocalDate.parse(k.get(3));
      found.add(anomaly(LedgerAnomaly.REPEATED_DENIALS, k.subList(0, 3), null, k.get(3), count, null, null,
          count + " denials on " + day,
          filter.toBuilder().agency(k.get(0)).unit(k.get(1)).officer(k.get(2))
              .from(max(from, day.atStartOfDay(zone).toInstant()))
              .to(min(to, day.plusDays(1).atStartOfDay(zone).toInstant())).build()));
    });
    found.sort(Comparator.comparing(LedgerAnomaly::day).thenComparing(Comparator.comparingLong(LedgerAnomaly::count)
        .reversed()));
    return found;
  }

  List<LedgerAnomaly> subjectsSeenByManyUnits(Instant from, Instant to) {
    LedgerSearch filter = LedgerSearch.builder().from(from).to(to).build();
    Map<List<String>, Long> perSubjectUnit = index.countBy(filter,
        List.of(LedgerField.SUBJECT_PSEUDONYM, LedgerField.AGENCY, LedgerField.UNIT));
    Map<String, Set<List<String>>> unitsPerSubject = new HashMap<>();
    perSubjectUnit.keySet().forEach(k -> {
      if (k.get(0) != null) {
        unitsPerSubject.computeIfAbsent(k.get(0), s -> new TreeSet<>(Comparator.comparing(Object::toString)))
            .add(k.subList(1, 3));
      }
    });
    List<LedgerAnomaly> found = new ArrayList<>();
    unitsPerSubject.forEach((subject, seenBy) -> {
      if (seenBy.size() >= settings.subjectUnits()) {
        found.add(anomaly(LedgerAnomaly.SUBJECT_MANY_UNITS, java.util.Arrays.asList(null, null, null), subject, null,
            seenBy.size(), null, null, "looked up by " + seenBy.size() + " units: " + seenBy,
            filter.toBuilder().subjectPseudonym(subject).build()));
      }
    });
    found.sort(Comparator.comparingLong(LedgerAnomaly::count).reversed()
        .thenComparing(LedgerAnomaly::subjectPseudonym));
    return found;
  }

  private LedgerAnomaly anomaly(String type, List<String> officer, String subject, String day, long count,
      Double own, Double unit, String detail, LedgerSearch evidence) {
    LedgerSearchResult result = index.search(evidence.toBuilder().limit(settings.evidenceLimit()).offset(0).build());
    return new LedgerAnomaly(type, officer.get(0), officer.get(1), officer.get(2), subject, day, count, own, unit,
        detail, result.total(), result.entries().stream().map(LedgerEntry::id).toList());
  }

  static Double median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
