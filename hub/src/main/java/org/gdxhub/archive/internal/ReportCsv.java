package org.gdxhub.archive.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.gdxhub.archive.MonthlyReport;
import org.gdxhub.ledger.LedgerAnomaly;
import org.gdxhub.ledger.LedgerStatistics;

/**
 * The monthly report as one tidy CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet
 * programs read Thai): one number per line, {@code section,agency,unit,officer,month,item,value}.
 * Sections: {@code totals}, {@code agency}, {@code agency_month} (trend), {@code unit},
 * {@code top_units} and {@code bottom_units} (item = rank), {@code denials} (item = reason),
 * {@code anomalies} (item = type), {@code trend} (lookups per month).
 */
public final class ReportCsv {

  public static final String HEADER = "section,agency,unit,officer,month,item,value";

  private ReportCsv() {}

  public static byte[] render(MonthlyReport r) {
    StringBuilder out = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
    LedgerStatistics s = r.statistics();
    String m = r.month();
    line(out, "totals", null, null, null, m, "lookups", s.totals().lookups());
    line(out, "totals", null, null, null, m, "allowed", s.totals().allowed());
    line(out, "totals", null, null, null, m, "denied", s.totals().denied());
    line(out, "totals", null, null, null, m, "officers", r.officers());
    line(out, "totals", null, null, null, m, "anomalies", r.anomalies().size());
    line(out, "totals", null, null, null, m, "trend_monthly_average", r.trend().totals().monthlyAverage());
    for (LedgerStatistics.AgencyTotal a : s.perAgency()) {
      line(out, "agency", a.agency(), null, null, m, "lookups", a.lookups());
      line(out, "agency", a.agency(), null, null, m, "allowed", a.allowed());
      line(out, "agency", a.agency(), null, null, m, "denied", a.denied());
    }
    for (LedgerStatistics.AgencyMonth a : r.trend().perAgencyMonth()) {
      line(out, "agency_month", a.agency(), null, null, a.month(), "lookups", a.lookups());
    }
    for (LedgerStatistics.UnitTotal u : s.perUnit()) {
      line(out, "unit", u.agency(), u.unit(), null, m, "lookups", u.lookups());
      line(out, "unit", u.agency(), u.unit(), null, m, "officers", u.officers());
    }
    ranked(out, "top_units", s.topUnits(), m);
    ranked(out, "bottom_units", s.bottomUnits(), m);
    for (LedgerStatistics.ReasonCount d : s.denialsByReason()) {
      line(out, "denials", null, null, null, m, d.reason(), d.denials());
    }
    for (LedgerAnomaly a : r.anomalies()) {
      line(out, "anomalies", a.agency(), a.unit(), a.officer(), a.day() == null ? m : a.day(), a.type(), a.count());
    }
    for (MonthlyReport.MonthTotal t : r.monthlyTotals()) {
      line(out, "trend", null, null, null, t.month(), "lookups", t.lookups());
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void ranked(StringBuilder out, String section, List<LedgerStatistics.UnitTotal> units, String month) {
    int rank = 1;
    for (LedgerStatistics.UnitTotal u : units) {
      line(out, section, u.agency(), u.unit(), null, month, String.valueOf(rank++), u.lookups());
    }
  }

  private static void line(StringBuilder out, Object... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells[i]));
    }
    out.append("\r\n");
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : value.toString();
    return s.matches("(?s).*[\",\r\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
