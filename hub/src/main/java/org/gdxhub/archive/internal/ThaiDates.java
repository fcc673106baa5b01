package org.gdxhub.archive.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;

/** Dates as Thai official documents write them: Buddhist Era years (พ.ศ. = CE + 543), Thai month names. */
public final class ThaiDates {

  private static final String[] MONTHS = {"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
      "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"};
  private static final String[] MONTHS_SHORT = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
      "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."};

  private ThaiDates() {}

  public static int buddhistYear(int isoYear) {
    return isoYear + 543;
  }

  /** {@code 23 พฤศจิกายน พ.ศ. 2569}. */
  public static String date(LocalDate date) {
    return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " พ.ศ. " + buddhistYear(date.getYear());
  }

  /** {@code 23 พฤศจิกายน พ.ศ. 2569 เวลา 14:05 น.}. */
  public static String dateTime(ZonedDateTime time) {
    return date(time.toLocalDate()) + String.format(" เวลา %02d:%02d น.", time.getHour(), time.getMinute());
  }

  /** {@code พฤศจิกายน พ.ศ. 2569}. */
  public static String month(YearMonth month) {
    return MONTHS[month.getMonthValue() - 1] + " พ.ศ. " + buddhistYear(month.getYear());
  }

  /** {@code พ.ย. 69}, for chart axes. */
  public static String shortMonth(YearMonth month) {
    return MONTHS_SHORT[month.getMonthValue() - 1] + " " + String.format("%02d", buddhistYear(month.getYear()) % 100);
  }
}
