package org.gdxhub.console.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.gdxhub.archive.ThaiCalendar;
import org.gdxhub.ledger.LedgerSearchProperties;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.thymeleaf.util.StringUtils;

/**
 * Dates on the console's pages (as {@code ${@consoleFormat...}} in templates): in Thai the
 * Buddhist Era dates of the archive's documents, in English ISO-like dates; times in the hub's
 * reporting zone.
 */
@Component("consoleFormat")
class ConsoleFormat {

  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter EN_DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss",
      Locale.ENGLISH);
  private static final DateTimeFormatter EN_MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  private final ZoneId zone;

  ConsoleFormat(LedgerSearchProperties ledgerSearch) {
    this.zone = ledgerSearch.zone();
  }

  ZoneId zone() {
    return zone;
  }

  static boolean thai() {
    return "th".equals(LocaleContextHolder.getLocale().getLanguage());
  }

  public String date(LocalDate date) {
    if (date == null) {
      return "";
    }
    return thai() ? ThaiCalendar.date(date) : EN_DATE.format(date);
  }

  public String date(Instant time) {
    return time == null ? "" : date(time.atZone(zone).toLocalDate());
  }

  public String dateTime(Instant time) {
    if (time == null) {
      return "";
    }
    var local = time.atZone(zone);
    return thai() ? ThaiCalendar.dateTime(local) + String.format(" %02d วินาที", local.getSecond())
        : EN_DATE_TIME.format(local);
  }

  public String month(String isoMonth) {
    if (StringUtils.isEmpty(isoMonth)) {
      return "";
    }
    YearMonth month;
    try {
      month = YearMonth.parse(isoMonth);
    } catch (java.time.format.DateTimeParseException e) {
      return isoMonth;
    }
    return thai() ? ThaiCalendar.month(month) : EN_MONTH.format(month);
  }

  /** Short month labels for chart axes. */
  public String shortMonth(String isoMonth) {
    YearMonth month = YearMonth.parse(isoMonth);
    return thai() ? ThaiCalendar.shortMonth(month) : DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH)
        .format(month);
  }
}
