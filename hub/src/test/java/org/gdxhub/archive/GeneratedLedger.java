package org.gdxhub.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.ExchangeRecord.Decision;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.policy.PolicyDecision;

/**
 * A generated ledger for the report and sign-off tests: several agencies, units and officers
 * over a few months, allowed and denied lookups with reasons, lookups after office hours,
 * repeated denials and one subject looked up by many units, so every section of the report has
 * something in it. Deterministic (fixed seed).
 */
final class GeneratedLedger {

  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
  static final String BANGRAK = "bangrak-district-office";
  static final String LAND_OFFICE = "land-office-bangkok";
  static final List<String> BANGRAK_UNITS = List.of("registration", "public-works", "revenue", "environment",
      "community-development", "municipal-police");
  static final List<String> REASONS = List.of("purpose_not_in_agreement", "no_agreement", "card_not_present");

  private GeneratedLedger() {}

  /** Entries in {@code month} and the two months before it. */
  static List<LedgerEntry> around(YearMonth month) {
    Random random = new Random(20261023);
    List<LedgerEntry> entries = new ArrayList<>();
    long seq = 1;
    for (int back = 2; back >= 0; back--) {
      YearMonth m = month.minusMonths(back);
      for (int u = 0; u < BANGRAK_UNITS.size(); u++) {
        // Unit u gets a different volume, so the top and bottom lists are well defined.
        int lookups = (BANGRAK_UNITS.size() - u) * 7 + random.nextInt(5) + (back == 0 ? 10 : 0);
        for (int i = 0; i < lookups; i++) {
          boolean deny = random.nextInt(6) == 0;
          entries.add(entry(seq++, BANGRAK, BANGRAK_UNITS.get(u), "officer-" + u + "-" + random.nextInt(3),
              weekday(m, random, 9 + random.nextInt(7)), deny,
              REASONS.get(random.nextInt(REASONS.size())), "%064x".formatted(random.nextInt(400))));
        }
      }
      for (int i = 0; i < 5 + back; i++) {
        entries.add(entry(seq++, LAND_OFFICE, "registration", "land-officer-1", at(m, 3 + i, 10), false, null,
            "%064x".formatted(1000 + i)));
      }
    }
    // In the month itself: lookups late at night, four denials of one officer in one day, one
    // subject seen by three units, and a request without any caller (ledgered as invalid).
    entries.add(entry(seq++, BANGRAK, "revenue", "officer-2-9", at(month, 14, 22), false, null, "%064x".formatted(7)));
    entries.add(entry(seq++, BANGRAK, "revenue", "officer-2-9", at(month, 14, 23), false, null, "%064x".formatted(8)));
    for (int i = 0; i < 4; i++) {
      entries.add(entry(seq++, BANGRAK, "environment", "officer-3-7", at(month, 20, 10 + i), true,
          "purpose_not_in_agreement", "%064x".formatted(9)));
    }
    String seenByMany = "f".repeat(64);
    for (String unit : List.of("registration", "revenue", "public-works")) {
      entries.add(entry(seq++, BANGRAK, unit, "officer-x", at(month, 21, 11), false, null, seenByMany));
    }
    entries.add(new LedgerEntry(seq, UUID.randomUUID().toString(), at(month, 22, 11),
        new ExchangeRecord(UUID.randomUUID().toString(), null, null, null, "civil-record", null, null, null, "", null,
            false, "citizen_id", null, Decision.DENY, List.of(new PolicyDecision.Reason("caller_unidentified", "no caller")),
            List.of(), null, "invalid_request"), "0".repeat(64), "1".repeat(64)));
    return entries;
  }

  /** A working day of the month (weekend lookups would all count as off-hours anomalies). */
  private static Instant weekday(YearMonth month, Random random, int hour) {
    while (true) {
      var day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
      if (day.getDayOfWeek().getValue() <= 5) {
        return at(month, day.getDayOfMonth(), hour);
      }
    }
  }

  static Instant at(YearMonth month, int day, int hour) {
    return LocalDateTime.of(month.getYear(), month.getMonth(), day, hour, 17).atZone(BANGKOK).toInstant();
  }

  private static LedgerEntry entry(long seq, String agency, String unit, String officer, Instant at, boolean deny,
      String reason, String subject) {
    var record = new ExchangeRecord(UUID.randomUUID().toString(), agency, unit, officer, "civil-record", "agr-1", 1,
        "welfare-registration", "Civil Registration Act", "CASE-" + seq, true, "citizen_id", subject,
        deny ? Decision.DENY : Decision.ALLOW,
        deny ? List.of(new PolicyDecision.Reason(reason, reason)) : List.of(),
        deny ? List.of() : List.of("citizen_id", "first_name_th"), deny ? null : 12L, deny ? "denied" : "served");
    return new LedgerEntry(seq, UUID.randomUUID().toString(), at, record, "0".repeat(64), "%064x".formatted(seq));
  }

  /** A clock the tests move by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
