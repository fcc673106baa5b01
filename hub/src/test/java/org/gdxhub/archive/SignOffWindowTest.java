package org.gdxhub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The sign-off window: from the end of the month to the end of the deadline day, in the reporting time zone. */
class SignOffWindowTest {

  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  static SignOffService service(int deadlineDay) {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test",
        java.util.Map.of("hub.archive.sign-off.deadline-day", String.valueOf(deadlineDay))));
    ArchiveProperties properties = Binder.get(environment).bindOrCreate("hub.archive", ArchiveProperties.class);
    // Only the window is exercised here: no statistics, anomalies or store are needed.
    return new SignOffService(null, null, null, properties, BANGKOK, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  @Test
  void octoberOpensAtMidnightOnTheFirstOfNovemberAndClosesAfterTheFifthInBangkok() {
    SignOffService signOffs = service(5);
    YearMonth october = YearMonth.of(2026, 10);
    assertThat(signOffs.opensAt(october)).isEqualTo(Instant.parse("2026-10-31T17:00:00Z"));
    assertThat(signOffs.deadline(october)).isEqualTo(Instant.parse("2026-11-05T17:00:00Z"));
    assertThat(signOffs.open(october, Instant.parse("2026-10-31T16:59:59Z"))).isFalse();
    assertThat(signOffs.open(october, Instant.parse("2026-10-31T17:00:00Z"))).isTrue();
    assertThat(signOffs.open(october, Instant.parse("2026-11-05T16:59:59Z"))).isTrue();
    assertThat(signOffs.open(october, Instant.parse("2026-11-05T17:00:00Z"))).isFalse();
  }

  @Test
  void aDeadlineDayPastTheEndOfAShortMonthIsItsLastDay() {
    SignOffService signOffs = service(31);
    // January's window runs through February, which has 28 days in 2027.
    assertThat(signOffs.deadline(YearMonth.of(2027, 1))).isEqualTo(Instant.parse("2027-02-28T17:00:00Z"));
    assertThat(signOffs.deadline(YearMonth.of(2026, 12))).isEqualTo(Instant.parse("2027-01-31T17:00:00Z"));
  }
}
