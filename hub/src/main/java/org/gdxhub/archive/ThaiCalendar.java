package org.gdxhub.archive;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;

import org.gdxhub.archive.internal.ThaiDates;

/**
 * Thai official dates (Buddhist Era years, Thai month names) as the archive's documents print
 * them, for other modules (the console) to show the same dates on screen.
 */
public final class ThaiCalendar {

  private ThaiCalendar() {}

  /** {@code 23 พฤศจิกายน พ.ศ. 2569}. */
  public static String date(LocalDate date) {
    return ThaiDates.date(date);
  }

  /** {@code 23 พฤศจิกายน พ.ศ. 2569 เวลา 14:05 น.}. */
  public static String dateTime(ZonedDateTime time) {
    return ThaiDates.dateTime(time);
  }

  /** {@code พฤศจิกายน พ.ศ. 2569}. */
  public static String month(YearMonth month) {
    return ThaiDates.month(month);
  }

  /** {@code พ.ย. 69}, for chart axes. */
  public static String shortMonth(YearMonth month) {
    return ThaiDates.shortMonth(month);
  }
}
