package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdxhub.ledger.ExchangeRecord.Decision;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.policy.PolicyDecision.Reason;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every ledger search backend must do, run against each real backend: idempotent
 * indexing, every filter, full text, paging and order, grouping, the committee's statistics on
 * a generated ledger with known counts (every cell, total and average), anomalies, and a
 * resumable reindex from the system of record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerIndexContract {

  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
  static final LedgerSearchProperties PROPERTIES = new LedgerSearchProperties("test", BANGKOK,
      new LedgerSearchProperties.OfficeHours(java.time.LocalTime.of(8, 30), java.time.LocalTime.of(16, 30),
          java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY)),
      java.time.Duration.ZERO, 100, new LedgerSearchProperties.Lucene("unused"),
      new LedgerSearchProperties.Elasticsearch("unused", "unused", null, null, 1, 0, java.time.Duration.ofSeconds(1)),
      new LedgerSearchProperties.Anomalies(3, 20, 30, 3, 3, 20));

  LedgerIndex index;
  long seq;

  /** A new, empty index of the backend under test, using the given settings. */
  protected abstract LedgerIndex openIndex(LedgerSearchProperties properties);

  @BeforeAll
  void open() {
    index = openIndex(PROPERTIES);
  }

  @AfterAll
  void close() throws Exception {
    if (index instanceof AutoCloseable c) {
      c.close();
    }
  }

  @BeforeEach
  void empty() {
    index.deleteAll();
    seq = 0;
  }

  // --- basics -------------------------------------------------------------------------------

  @Test
  void anEmptyIndexAnswersWithNothing() {
    assertThat(index.count()).isZero();
    assertThat(index.reindexCheckpoint()).isZero();
    assertThat(index.search(LedgerSearch.builder().build()).total()).isZero();
    assertThat(index.countBy(LedgerSearch.builder().build(), List.of(LedgerField.AGENCY))).isEmpty();
    LedgerStatistics stats = new LedgerStatisticsService(index, BANGKOK).statistics(null, null, 5);
    assertThat(stats.totals().lookups()).isZero();
    assertThat(stats.totals().monthlyAverage()).isZero();
    assertThat(stats.months()).isEmpty();
    assertThat(anomalies().anomalies(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-23T00:00:00Z")))
        .isEmpty();
    assertThat(index.health()).containsEntry("backend", index.name());
  }

  @Test
  void indexingIsIdempotentByEntryId() {
    LedgerEntry a = entry(t("2026-11-20T10:00"), "agency-a", "registration", "o1", Decision.ALLOW);
    LedgerEntry b = entry(t("2026-11-20T10:01"), "agency-a", "registration", "o1", Decision.DENY);
    index.index(List.of(a, b));
    index.index(List.of(a, b));
    index.index(List.of(b));
    assertThat(index.count()).isEqualTo(2);
    LedgerEntry corrected = new LedgerEntry(a.seq(), a.id(), a.recordedAt(), withOutcome(a.exchange(), "not_found"),
        a.prevHash(), a.hash());
    index.index(List.of(corrected));
    index.refresh();
    assertThat(index.count()).isEqualTo(2);
    assertThat(index.search(LedgerSearch.builder().outcome("not_found").build()).entries()).containsExactly(corrected);
  }

  @Test
  void anIndexedEntryReadsBackExactly() {
    LedgerEntry original = new LedgerEntry(++seq, UUID.randomUUID().toString(),
        Instant.parse("2026-11-23T03:00:00.123456Z"), new ExchangeRecord(UUID.randomUUID().toString(),
            "bangrak-district-office", "registration", "officer-001", "civil-record", UUID.randomUUID().toString(), 2,
            "welfare-registration", "Civil Registration Act B.E. 2534 s. 6", "BR-2569-0001", true, "citizen_id",
            "ab".repeat(32), Decision.DENY, List.of(new Reason("field_not_granted", "face_image is not granted"),
                new Reason("purpose_mismatch", "purpose not in agreement")),
            List.of(), 17L, "denied"), "0".repeat(64), "f".repeat(64));
    LedgerEntry minimal = new LedgerEntry(++seq, UUID.randomUUID().toString(), Instant.parse("2026-11-23T03:00:01Z"),
        new ExchangeRecord(UUID.randomUUID().toString(), null, null, null, "civil-record", null, null, "welfare",
            null, null, false, "citizen_id", null, Decision.DENY,
            List.of(new Reason("caller_unidentified", "send the headers")), List.of(), null, "invalid_request"),
        "f".repeat(64), "e".repeat(64));
    index.index(List.of(original, minimal));
    index.refresh();
    assertThat(index.search(LedgerSearch.builder().build()).entries()).containsExactly(minimal, original);
  }

  // --- search -------------------------------------------------------------------------------

  @Test
  void filtersOnEveryField() {
    LedgerEntry e1 = entry(t("2026-11-20T10:00"), "agency-a", "registration", "o1", "civil-record", "welfare",
        "BR-1", Decision.ALLOW, List.of(), "p1");
    LedgerEntry e2 = entry(t("2026-11-20T11:00"), "agency-a", "revenue", "o2", "house-registration", "tax",
        "RV-2", Decision.DENY, List.of("no_agreement"), "p2");
    LedgerEntry e3 = entry(t("2026-11-20T20:00"), "agency-b", "registration", "o3", "civil-record", "welfare",
        "BB-3", Decision.DENY, List.of("purpose_mismatch", "field_not_granted"), "p1");
    LedgerEntry e4 = entry(t("2026-11-23T09:00"), "agency-b", "police", "o1", "civil-record", "investigation",
        "PL-4", Decision.ALLOW, List.of(), "p3");
    index.index(List.of(e1, e2, e3, e4));
    index.refresh();

    assertThat(ids(LedgerSearch.builder().agency("agency-a"))).containsExactly(e2.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().unit("registration"))).containsExactly(e3.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().officer("o1"))).containsExactly(e4.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().dataset("house-registration"))).containsExactly(e2.id());
    assertThat(ids(LedgerSearch.builder().purpose("welfare"))).containsExactly(e3.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().decision("deny"))).containsExactly(e3.id(), e2.id());
    assertThat(ids(LedgerSearch.builder().reasonCode("field_not_granted"))).containsExactly(e3.id());
    assertThat(ids(LedgerSearch.builder().outcome("served"))).containsExactly(e4.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().subjectPseudonym("p1"))).containsExactly(e3.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().from(e2.recordedAt()).to(e4.recordedAt()))).containsExactly(e3.id(), e2.id());
    assertThat(ids(LedgerSearch.builder().offHours(true))).containsExactly(e3.id());
    assertThat(ids(LedgerSearch.builder().offHours(false))).containsExactly(e4.id(), e2.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().agency("agency-b").decision("allow").officer("o1"))).containsExactly(e4.id());
    assertThat(ids(LedgerSearch.builder().agency("nobody"))).isEmpty();
  }

  @Test
  void fullTextSearchesPurposeAndCaseReference() {
    LedgerEntry e1 = entry(t("2026-11-20T10:00"), "a", "u", "o", "civil-record", "welfare-registration",
        "BR-2569-0001", Decision.ALLOW, List.of(), "p");
    LedgerEntry e2 = entry(t("2026-11-20T10:01"), "a", "u", "o", "civil-record", "tax-audit", "RV-2569-0002",
        Decision.ALLOW, List.of(), "p");
    LedgerEntry e3 = entry(t("2026-11-20T10:02"), "a", "u", "o", "civil-record", "welfare-registration", null,
        Decision.ALLOW, List.of(), "p");
    index.index(List.of(e1, e2, e3));
    index.refresh();
    assertThat(ids(LedgerSearch.builder().text("welfare"))).containsExactly(e3.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().text("BR-2569-0001"))).containsExactly(e1.id());
    assertThat(ids(LedgerSearch.builder().text("2569"))).containsExactly(e2.id(), e1.id());
    assertThat(ids(LedgerSearch.builder().text("Welfare 0001"))).containsExactly(e1.id());
    assertThat(ids(LedgerSearch.builder().text("audit"))).containsExactly(e2.id());
    assertThat(ids(LedgerSearch.builder().text("marketing"))).isEmpty();
  }

  @Test
  void pagesNewestFirstWithExactTotals() {
    List<LedgerEntry> entries = new ArrayList<>();
    Instant base = t("2026-11-20T10:00");
    for (int i = 0; i < 25; i++) {
      // Pairs share a time: the later seq comes first.
      entries.add(entry(base.plusSeconds(i / 2), "a", "u", "o", Decision.ALLOW));
    }
    index.index(entries);
    index.refresh();
    List<String> expected = entries.reversed().stream().map(LedgerEntry::id).toList();
    LedgerSearchResult first = index.search(LedgerSearch.builder().limit(10).build());
    LedgerSearchResult third = index.search(LedgerSearch.builder().limit(10).offset(20).build());
    assertThat(first.total()).isEqualTo(25);
    assertThat(first.entries()).extracting(LedgerEntry::id).containsExactlyElementsOf(expected.subList(0, 10));
    assertThat(third.total()).isEqualTo(25);
    assertThat(third.entries()).extracting(LedgerEntry::id).containsExactlyElementsOf(expected.subList(20, 25));
    assertThat(index.search(LedgerSearch.builder().limit(10).offset(30).build()).entries()).isEmpty();
  }

  @Test
  void groupsCountsIncludingMissingAndMultiValuedFields() {
    index.index(List.of(
        entry(t("2026-11-20T10:00"), "a", "u1", "o1", "d", "p", null, Decision.DENY, List.of("x", "y"), "s"),
        entry(t("2026-11-20T10:00"), "a", "u1", "o2", "d", "p", null, Decision.DENY, List.of("x"), "s"),
        entry(t("2026-11-20T10:00"), "a", "u2", "o1", "d", "p", null, Decision.ALLOW, List.of(), "s"),
        entry(t("2026-11-20T10:00"), null, null, null, "d", "p", null, Decision.DENY, List.of("z"), "s")));
    index.refresh();
    Map<List<String>, Long> byUnit = index.countBy(LedgerSearch.builder().build(),
        List.of(LedgerField.AGENCY, LedgerField.UNIT));
    assertThat(byUnit).containsOnly(Map.entry(List.of("a", "u1"), 2L), Map.entry(List.of("a", "u2"), 1L),
        Map.entry(java.util.Arrays.asList(null, null), 1L));
    Map<List<String>, Long> byReason = index.countBy(LedgerSearch.builder().agency("a").build(),
        List.of(LedgerField.REASON_CODE));
    assertThat(byReason).containsOnly(Map.entry(List.of("x"), 2L), Map.entry(List.of("y"), 1L),
        Map.entry(java.util.Collections.singletonList(null), 1L));
  }

  // --- statistics ---------------------------------------------------------------------------

  static final List<String> BANGRAK_UNITS = List.of("registration", "public-works", "revenue", "environment",
      "community-development", "municipal-police");
  static final Map<String, List<String>> AGENCIES = Map.of("bangrak-district-office", BANGRAK_UNITS,
      "revenue-department", List.of("collection", "tax-audit"));
  static final List<String> MONTHS = List.of("2026-08", "2026-09", "2026-10");

  /** The known count of lookups per cell: agency, section (unit), month. */
  static int cell(String agency, String unit, String month) {
    int a = agency.startsWith("bangrak") ? 0 : 1;
    int u = AGENCIES.get(agency).indexOf(unit);
    int m = MONTHS.indexOf(month);
    if (unit.equals("environment") && month.equals("2026-09")) {
      return 0; // a section with no lookups in one month: averages still divide by every month
    }
    return (u + 1) * (m + 1) + 2 * a + 1;
  }

  static int officersOf(String unit) {
    return unit.length() % 3 + 1;
  }

  /** Entries of a cell: the first at 00:30 local on the 1st (still the previous month in UTC). */
  List<LedgerEntry> generateLedger() {
    List<LedgerEntry> entries = new ArrayList<>();
    for (String agency : AGENCIES.keySet().stream().sorted().toList()) {
      for (String unit : AGENCIES.get(agency)) {
        for (String month : MONTHS) {
          LocalDateTime start = LocalDate.parse(month + "-01").atTime(0, 30);
          for (int j = 0; j < cell(agency, unit, month); j++) {
            Instant at = start.plusDays(j % 27).plusMinutes(j).atZone(BANGKOK).toInstant();
            Decision decision = j % 5 == 4 ? Decision.DENY : Decision.ALLOW;
            List<String> reasons = j % 10 == 4 ? List.of("no_agreement")
                : j % 10 == 9 ? List.of("purpose_mismatch", "field_not_granted") : List.of();
            entries.add(entry(at, agency, unit, "officer-" + unit + "-" + (j % officersOf(unit)),
                j % 2 == 0 ? "civil-record" : "house-registration", "welfare", null, decision, reasons,
                "subject-" + j));
          }
        }
      }
    }
    return entries;
  }

  @Test
  void statisticsMatchTheKnownCountsOfAGeneratedLedger() {
    List<LedgerEntry> generated = generateLedger();
    for (int i = 0; i < generated.size(); i += 100) {
      index.index(generated.subList(i, Math.min(generated.size(), i + 100)));
    }
    index.refresh();
    LedgerStatistics stats = new LedgerStatisticsService(index, BANGKOK).statistics(null, null, 5);

    long total = 0;
    long denied = 0;
    Map<String, Long> reasons = new HashMap<>();
    Map<String, long[]> datasets = new HashMap<>();
    List<LedgerStatistics.UnitTotal> expectedUnits = new ArrayList<>();
    assertThat(stats.months()).containsExactlyElementsOf(MONTHS);
    for (String agency : AGENCIES.keySet()) {
      long agencyTotal = 0;
      long agencyDenied = 0;
      for (String month : MONTHS) {
        long agencyMonth = 0;
        for (String unit : AGENCIES.get(agency)) {
          int n = cell(agency, unit, month);
          agencyMonth += n;
          var found = stats.perUnitMonth().stream().filter(c -> c.agency().equals(agency) && c.unit().equals(unit)
              && c.month().equals(month)).toList();
          if (n == 0) {
            assertThat(found).as("%s %s %s", agency, unit, month).isEmpty();
          } else {
            assertThat(found).as("%s %s %s", agency, unit, month)
                .containsExactly(new LedgerStatistics.UnitMonth(agency, unit, month, n));
          }
          for (int j = 0; j < n; j++) {
            datasets.computeIfAbsent(j % 2 == 0 ? "civil-record" : "house-registration", d -> new long[2])
                [j % 5 == 4 ? 1 : 0]++;
            if (j % 10 == 4) {
              reasons.merge("no_agreement", 1L, Long::sum);
            } else if (j % 10 == 9) {
              reasons.merge("purpose_mismatch", 1L, Long::sum);
              reasons.merge("field_not_granted", 1L, Long::sum);
            }
          }
          agencyDenied += n / 5;
        }
        assertThat(stats.perAgencyMonth()).as("%s %s", agency, month)
            .contains(new LedgerStatistics.AgencyMonth(agency, month, agencyMonth));
        agencyTotal += agencyMonth;
      }
      for (String unit : AGENCIES.get(agency)) {
        long unitTotal = MONTHS.stream().mapToLong(m -> cell(agency, unit, m)).sum();
        var expected = new LedgerStatistics.UnitTotal(agency, unit, unitTotal, round2(unitTotal / 3.0),
            officersOf(unit));
        assertThat(stats.perUnit()).as("%s %s", agency, unit).contains(expected);
        expectedUnits.add(expected);
      }
      assertThat(stats.perAgency()).contains(new LedgerStatistics.AgencyTotal(agency, agencyTotal,
          agencyTotal - agencyDenied, agencyDenied, round2(agencyTotal / 3.0)));
      total += agencyTotal;
      denied += agencyDenied;
    }
    assertThat(stats.perUnitMonth()).hasSize(AGENCIES.values().stream().mapToInt(List::size).sum() * 3 - 1);
    assertThat(stats.perAgencyMonth()).hasSize(6);
    assertThat(stats.perUnit()).hasSize(8);
    assertThat(stats.totals()).isEqualTo(new LedgerStatistics.Totals(total, total - denied, denied, 3,
        round2(total / 3.0)));
    assertThat(total).isEqualTo(generated.size());

    var byLookups = java.util.Comparator.comparingLong(LedgerStatistics.UnitTotal::lookups);
    var byName = java.util.Comparator.comparing(LedgerStatistics.UnitTotal::agency)
        .thenComparing(LedgerStatistics.UnitTotal::unit);
    assertThat(stats.topUnits()).containsExactlyElementsOf(
        expectedUnits.stream().sorted(byLookups.reversed().thenComparing(byName)).limit(5).toList());
    assertThat(stats.bottomUnits()).containsExactlyElementsOf(
        expectedUnits.stream().sorted(byLookups.thenComparing(byName)).limit(5).toList());
    assertThat(stats.denialsByReason()).containsExactlyInAnyOrder(reasons.entrySet().stream()
        .map(e -> new LedgerStatistics.ReasonCount(e.getKey(), e.getValue()))
        .toArray(LedgerStatistics.ReasonCount[]::new));
    assertThat(stats.perDataset()).containsExactlyInAnyOrder(datasets.entrySet().stream()
        .map(e -> new LedgerStatistics.DatasetTotal(e.getKey(), e.getValue()[0] + e.getValue()[1], e.getValue()[0],
            e.getValue()[1]))
        .toArray(LedgerStatistics.DatasetTotal[]::new));

    // A period: September only (local time), the months and averages follow it.
    LedgerStatistics september = new LedgerStatisticsService(index, BANGKOK).statistics(
        LocalDate.parse("2026-09-01").atStartOfDay(BANGKOK).toInstant(),
        LocalDate.parse("2026-10-01").atStartOfDay(BANGKOK).toInstant(), 3);
    long septemberTotal = AGENCIES.entrySet().stream().flatMap(a -> a.getValue().stream()
        .map(u -> (long) cell(a.getKey(), u, "2026-09"))).mapToLong(Long::longValue).sum();
    assertThat(september.months()).containsExactly("2026-09");
    assertThat(september.totals().lookups()).isEqualTo(septemberTotal);
    assertThat(september.totals().monthlyAverage()).isEqualTo((double) septemberTotal);
    assertThat(september.topUnits()).hasSize(3);
  }

  // --- anomalies ----------------------------------------------------------------------------

  @Test
  void flagsVolumeOffHoursRepeatedDenialsAndWidelyLookedUpSubjects() {
    List<LedgerEntry> entries = new ArrayList<>();
    // Baseline: two officers of one unit, 5 lookups a day at 10:00 local, 1-10 November.
    for (int day = 1; day <= 10; day++) {
      for (int i = 0; i < 5; i++) {
        entries.add(at(String.format("2026-11-%02dT10:%02d", day, i), "district", "registration", "o-heavy",
            Decision.ALLOW, "s-" + seq));
        entries.add(at(String.format("2026-11-%02dT10:%02d", day, 10 + i), "district", "registration", "o-normal",
            Decision.ALLOW, "s-" + seq));
      }
    }
    // Friday 20 November: o-heavy looks up 40 people, o-normal 5 as usual.
    List<LedgerEntry> heavyDay = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      heavyDay.add(at("2026-11-20T09:00", "district", "registration", "o-heavy", Decision.ALLOW, "s-" + seq,
          i * 30L));
    }
    entries.addAll(heavyDay);
    for (int i = 0; i < 5; i++) {
      entries.add(at("2026-11-20T11:0" + i, "district", "registration", "o-normal", Decision.ALLOW, "s-" + seq));
    }
    // Lookups at night on Friday and on Saturday morning.
    List<LedgerEntry> night = List.of(
        at("2026-11-20T22:00", "district", "revenue", "o-night", Decision.ALLOW, "s-n1"),
        at("2026-11-20T22:05", "district", "revenue", "o-night", Decision.ALLOW, "s-n2"),
        at("2026-11-21T11:00", "district", "revenue", "o-night", Decision.ALLOW, "s-n3"));
    entries.addAll(night);
    // Three denials for one officer in a day; two for another.
    List<LedgerEntry> denials = List.of(
        at("2026-11-20T13:00", "district", "revenue", "o-denied", Decision.DENY, "s-d1"),
        at("2026-11-20T13:10", "district", "revenue", "o-denied", Decision.DENY, "s-d2"),
        at("2026-11-20T13:20", "district", "revenue", "o-denied", Decision.DENY, "s-d3"));
    entries.addAll(denials);
    entries.add(at("2026-11-20T14:00", "district", "revenue", "o-once", Decision.DENY, "s-o1"));
    entries.add(at("2026-11-20T14:10", "district", "revenue", "o-once", Decision.DENY, "s-o2"));
    // One subject looked up by three units of two agencies; another by two units.
    List<LedgerEntry> popular = List.of(
        at("2026-11-20T15:00", "district", "welfare", "o-w", Decision.ALLOW, "s-popular"),
        at("2026-11-20T15:01", "district", "police", "o-p", Decision.ALLOW, "s-popular"),
        at("2026-11-20T15:02", "revenue-department", "tax-audit", "o-t", Decision.ALLOW, "s-popular"),
        at("2026-11-20T15:03", "revenue-department", "tax-audit", "o-t2", Decision.ALLOW, "s-popular"));
    entries.addAll(popular);
    entries.add(at("2026-11-20T15:04", "district", "welfare", "o-w", Decision.ALLOW, "s-quiet"));
    entries.add(at("2026-11-20T15:05", "district", "police", "o-p", Decision.ALLOW, "s-quiet"));
    index.index(entries);
    index.refresh();

    List<LedgerAnomaly> found = anomalies().anomalies(
        LocalDate.parse("2026-11-20").atStartOfDay(BANGKOK).toInstant(),
        LocalDate.parse("2026-11-22").atStartOfDay(BANGKOK).toInstant());

    assertThat(found).filteredOn(a -> a.type().equals(LedgerAnomaly.OFFICER_VOLUME)).singleElement().satisfies(a -> {
      assertThat(a.officer()).isEqualTo("o-heavy");
      assertThat(a.day()).isEqualTo("2026-11-20");
      assertThat(a.count()).isEqualTo(40);
      assertThat(a.ownBaseline()).isEqualTo(5.0);
      assertThat(a.unitBaseline()).isEqualTo(5.0);
      assertThat(a.evidenceTotal()).isEqualTo(40);
      assertThat(a.evidenceEntryIds()).hasSize(20)
          .containsExactlyElementsOf(heavyDay.reversed().subList(0, 20).stream().map(LedgerEntry::id).toList());
    });
    assertThat(found).filteredOn(a -> a.type().equals(LedgerAnomaly.OFF_HOURS)).singleElement().satisfies(a -> {
      assertThat(a.officer()).isEqualTo("o-night");
      assertThat(a.count()).isEqualTo(3);
      assertThat(a.evidenceEntryIds()).containsExactlyElementsOf(night.reversed().stream().map(LedgerEntry::id)
          .toList());
    });
    assertThat(found).filteredOn(a -> a.type().equals(LedgerAnomaly.REPEATED_DENIALS)).singleElement()
        .satisfies(a -> {
          assertThat(a.officer()).isEqualTo("o-denied");
          assertThat(a.day()).isEqualTo("2026-11-20");
          assertThat(a.count()).isEqualTo(3);
          assertThat(a.evidenceEntryIds()).containsExactlyInAnyOrderElementsOf(denials.stream().map(LedgerEntry::id)
              .toList());
        });
    assertThat(found).filteredOn(a -> a.type().equals(LedgerAnomaly.SUBJECT_MANY_UNITS)).singleElement()
        .satisfies(a -> {
          assertThat(a.subjectPseudonym()).isEqualTo("s-popular");
          assertThat(a.count()).isEqualTo(3);
          assertThat(a.evidenceTotal()).isEqualTo(4);
          assertThat(a.evidenceEntryIds()).containsExactlyInAnyOrderElementsOf(popular.stream().map(LedgerEntry::id)
              .toList());
        });
    assertThat(found).hasSize(4);
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertThat(LedgerAnomalyService.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
    assertThat(LedgerAnomalyService.median(List.of(4L, 1L, 3L, 10L))).isEqualTo(3.5);
    assertThat(LedgerAnomalyService.median(List.of())).isNull();
  }

  // --- reindex from the system of record ----------------------------------------------------

  @Test
  void reindexRebuildsFromTheSystemOfRecordAndResumesAfterItsCheckpoint() {
    try (TestDatabase db = TestDatabase.h2()) {
      JdbcClient jdbc = JdbcClient.create(db.ds());
      JdbcLedgerStore store = new JdbcLedgerStore(jdbc);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.ds()));
      Instant start = Instant.parse("2026-10-30T20:00:00Z");
      for (int i = 0; i < 450; i++) {
        Instant now = start.plusSeconds(i * 600L);
        ExchangeRecord record = entry(now, "agency-" + (i % 3), "unit-" + (i % 4), "officer-" + (i % 7),
            i % 6 == 0 ? Decision.DENY : Decision.ALLOW).exchange();
        tx.executeWithoutResult(s -> store.append(record, new DecisionRecord("wasm", "{}", "{}"), now));
      }
      // Something stale that the fresh reindex must drop.
      index.index(List.of(entry(t("2026-01-01T10:00"), "stale", "stale", "stale", Decision.ALLOW)));

      var first = new LedgerReindexService(store, index, 100, Clock.systemUTC()).run(true, 200);
      assertThat(first.state()).isEqualTo("completed");
      assertThat(first.indexed()).isEqualTo(200);
      assertThat(first.total()).isEqualTo(200);
      assertThat(first.lastSeq()).isEqualTo(200);
      assertThat(index.reindexCheckpoint()).isEqualTo(200);
      assertThat(index.count()).isEqualTo(200);

      // A new service (as after a restart) resumes after the checkpoint.
      var second = new LedgerReindexService(store, index, 100, Clock.systemUTC()).run(false, 0);
      assertThat(second.indexed()).isEqualTo(250);
      assertThat(second.total()).isEqualTo(250);
      assertThat(second.lastSeq()).isEqualTo(450);
      assertThat(second.entriesPerSecond()).isPositive();
      assertThat(index.count()).isEqualTo(450);
      assertThat(index.reindexCheckpoint()).isEqualTo(450);

      // The index's statistics equal the system of record's own counts.
      LedgerStatistics stats = new LedgerStatisticsService(index, BANGKOK).statistics(null, null, 5);
      Map<List<String>, Long> sql = new HashMap<>();
      jdbc.sql("select agency, unit, count(*) as n from ledger_entry group by agency, unit").query(rs -> {
        sql.put(List.of(rs.getString("agency"), rs.getString("unit")), rs.getLong("n"));
      });
      Map<List<String>, Long> indexed = new HashMap<>();
      stats.perUnit().forEach(u -> indexed.put(List.of(u.agency(), u.unit()), u.lookups()));
      assertThat(indexed).isEqualTo(sql);
      long deniedSql = jdbc.sql("select count(*) from ledger_entry where decision = 'deny'").query(Long.class).single();
      assertThat(stats.totals().denied()).isEqualTo(deniedSql);
      assertThat(stats.totals().lookups()).isEqualTo(450);

      // Catching up indexes only what is new.
      Instant later = start.plusSeconds(450 * 600L);
      ExchangeRecord extra = entry(later, "agency-x", "unit-x", "officer-x", Decision.ALLOW).exchange();
      tx.executeWithoutResult(s -> store.append(extra, new DecisionRecord("wasm", "{}", "{}"), later));
      assertThat(new LedgerReindexService(store, index, 100, Clock.systemUTC()).catchUp()).isEqualTo(1);
      assertThat(index.count()).isEqualTo(451);
    }
  }

  @Test
  void catchUpIndexesOnlyWhatTheIndexLacksAndLeavesTheNewestToTheRelay() {
    try (TestDatabase db = TestDatabase.h2()) {
      JdbcLedgerStore store = new JdbcLedgerStore(JdbcClient.create(db.ds()));
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.ds()));
      Instant start = Instant.parse("2026-11-20T03:00:00Z");
      for (int i = 0; i < 10; i++) {
        Instant now = start.plusSeconds(60L * i);
        ExchangeRecord record = entry(now, "agency-a", "unit-1", "officer-" + i, Decision.ALLOW).exchange();
        tx.executeWithoutResult(s -> store.append(record, new DecisionRecord("wasm", "{}", "{}"), now));
      }
      List<LedgerEntry> all = store.entries(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
      // The relay delivered seq 1..6 except 3.
      index.index(all.stream().filter(e -> e.seq() <= 6 && e.seq() != 3).toList());
      assertThat(index.missing(all.stream().map(LedgerEntry::id).toList()))
          .containsExactlyElementsOf(all.stream().filter(e -> e.seq() == 3 || e.seq() > 6).map(LedgerEntry::id)
              .toList());

      var follower = new LedgerReindexService(store, index, 4, Clock.systemUTC());
      // Entries recorded from minute 8 on are the relay's: seq 9 and 10 are left alone.
      assertThat(follower.catchUp(start.plusSeconds(60L * 8))).isEqualTo(3);
      assertThat(index.reindexCheckpoint()).isEqualTo(8);
      assertThat(index.count()).isEqualTo(8);
      assertThat(follower.catchUp()).isEqualTo(2);
      assertThat(index.reindexCheckpoint()).isEqualTo(10);
      assertThat(index.missing(all.stream().map(LedgerEntry::id).toList())).isEmpty();
      assertThat(follower.catchUp()).isZero();
    }
  }

  @Test
  void deleteAllEmptiesTheIndexAndItsCheckpoint() {
    index.index(List.of(entry(t("2026-11-20T10:00"), "a", "u", "o", Decision.ALLOW)));
    index.saveReindexCheckpoint(42);
    assertThat(index.reindexCheckpoint()).isEqualTo(42);
    assertThat(index.count()).isEqualTo(1);
    index.deleteAll();
    assertThat(index.count()).isZero();
    assertThat(index.reindexCheckpoint()).isZero();
  }

  // --- helpers ------------------------------------------------------------------------------

  LedgerAnomalyService anomalies() {
    return new LedgerAnomalyService(index, BANGKOK, PROPERTIES.anomalies());
  }

  List<String> ids(LedgerSearch.Builder search) {
    return index.search(search.build()).entries().stream().map(LedgerEntry::id).toList();
  }

  /** Local Bangkok time, e.g. 2026-11-20T10:00. */
  static Instant t(String local) {
    return LocalDateTime.parse(local).atZone(BANGKOK).toInstant();
  }

  LedgerEntry at(String local, String agency, String unit, String officer, Decision decision, String subject) {
    return at(local, agency, unit, officer, decision, subject, 0);
  }

  LedgerEntry at(String local, String agency, String unit, String officer, Decision decision, String subject,
      long plusSeconds) {
    return entry(t(local).plusSeconds(plusSeconds), agency, unit, officer, "civil-record", "welfare", null, decision,
        decision == Decision.DENY ? List.of("no_agreement") : List.of(), subject);
  }

  LedgerEntry entry(Instant at, String agency, String unit, String officer, Decision decision) {
    return entry(at, agency, unit, officer, "civil-record", "welfare", "CASE-" + (seq + 1), decision,
        decision == Decision.DENY ? List.of("no_agreement") : List.of(), "subject-" + (seq + 1));
  }

  LedgerEntry entry(Instant at, String agency, String unit, String officer, String dataset, String purpose,
      String caseRef, Decision decision, List<String> reasons, String subject) {
    long s = ++seq;
    var exchange = new ExchangeRecord(UUID.randomUUID().toString(), agency, unit, officer, dataset, "agr-1", 1,
        purpose, "Civil Registration Act", caseRef, s % 2 == 0, "citizen_id", subject, decision,
        reasons.stream().map(r -> new Reason(r, r + " message")).toList(),
        decision == Decision.ALLOW ? List.of("citizen_id", "first_name_th") : List.of(), 12L,
        decision == Decision.ALLOW ? "served" : "denied");
    return new LedgerEntry(s, UUID.randomUUID().toString(), at.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        exchange, "0".repeat(64), String.format("%064x", s));
  }

  static ExchangeRecord withOutcome(ExchangeRecord x, String outcome) {
    return new ExchangeRecord(x.requestId(), x.agency(), x.unit(), x.officer(), x.datasetId(), x.agreementId(),
        x.agreementVersion(), x.purpose(), x.legalBasis(), x.caseRef(), x.cardPresent(), x.subjectType(),
        x.subjectPseudonym(), x.decision(), x.reasons(), x.fieldsReleased(), x.connectorLatencyMs(), outcome);
  }

  static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
