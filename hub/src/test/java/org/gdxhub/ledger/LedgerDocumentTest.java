package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.gdxhub.ledger.ExchangeRecord.Decision;
import org.gdxhub.ledger.internal.LedgerDocument;
import org.gdxhub.policy.PolicyDecision.Reason;
import org.junit.jupiter.api.Test;

class LedgerDocumentTest {

  final LedgerDocument documents = new LedgerDocument(ZoneId.of("Asia/Bangkok"),
      new LedgerSearchProperties.OfficeHours(LocalTime.of(8, 30), LocalTime.of(16, 30),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));

  @Test
  void derivesLocalMonthDayAndOfficeHoursInTheReportingZone() {
    // 2026-10-31T17:30Z is Sunday 1 November 00:30 in Bangkok.
    Map<String, Object> doc = documents.toSource(entry(Instant.parse("2026-10-31T17:30:00Z")));
    assertThat(doc).containsEntry("local_month", "2026-11").containsEntry("local_day", "2026-11-01")
        .containsEntry("off_hours", true).containsEntry("time_us", 1_793_467_800_000_000L);
    assertThat(documents.offHours(Instant.parse("2026-11-23T01:30:00Z"))).isFalse(); // Monday 08:30
    assertThat(documents.offHours(Instant.parse("2026-11-23T01:29:59Z"))).isTrue(); // Monday 08:29:59
    assertThat(documents.offHours(Instant.parse("2026-11-23T09:29:59Z"))).isFalse(); // 16:29:59
    assertThat(documents.offHours(Instant.parse("2026-11-23T09:30:00Z"))).isTrue(); // 16:30
    assertThat(documents.offHours(Instant.parse("2026-11-21T03:00:00Z"))).isTrue(); // Saturday 10:00
  }

  @Test
  void carriesThePseudonymAndReasonCodesAndReadsBackTheSameEntry() {
    LedgerEntry entry = entry(Instant.parse("2026-11-23T03:00:00.123456Z"));
    Map<String, Object> doc = documents.toSource(entry);
    assertThat(doc).containsEntry("subject_pseudonym", "c".repeat(64))
        .containsEntry("reason_code", List.of("no_agreement", "purpose_mismatch"));
    assertThat(doc.keySet()).doesNotContain("subject_id", "subjectId");
    assertThat(LedgerDocument.toEntry(doc)).isEqualTo(entry);
  }

  static LedgerEntry entry(Instant at) {
    return new LedgerEntry(7, "id-7", at, new ExchangeRecord("req-7", "district", "registration", "officer-1",
        "civil-record", "agr", 3, "welfare", "Act", "BR-1", true, "citizen_id", "c".repeat(64), Decision.DENY,
        List.of(new Reason("no_agreement", "none"), new Reason("purpose_mismatch", "other"),
            new Reason("no_agreement", "again")),
        List.of(), 5L, "denied"), "a".repeat(64), "b".repeat(64));
  }
}
