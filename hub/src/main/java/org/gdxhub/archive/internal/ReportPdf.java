package org.gdxhub.archive.internal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.gdxhub.archive.MonthlyReport;
import org.gdxhub.ledger.LedgerAnomaly;
import org.gdxhub.ledger.LedgerStatistics;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.openpdf.text.Element;
import org.openpdf.text.Image;
import org.openpdf.text.pdf.PdfPTable;

/** Renders the monthly governance report (see {@link ArchivePdf} for the shared layout). */
final class ReportPdf extends ArchivePdf {

  private ReportPdf(PdfFonts fonts, ReportDocument meta, MonthlyReport report) {
    super(fonts, meta.reference(), info(meta, report));
  }

  static byte[] render(PdfFonts fonts, ReportDocument meta, MonthlyReport report) {
    return new ReportPdf(fonts, meta, report).body(meta, report);
  }

  private static Map<String, String> info(ReportDocument meta, MonthlyReport report) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("Title", "รายงานการใช้บริการแลกเปลี่ยนข้อมูลประจำเดือน " + report.month()
        + " (Monthly data-exchange governance report)");
    info.put("Subject", "Governance report " + report.month());
    info.put(PdfInspector.INFO_DOCUMENT_ID, meta.id());
    info.put(PdfInspector.INFO_REFERENCE, meta.reference());
    info.put(PdfInspector.INFO_CONTENT_HASH, meta.contentHash());
    return info;
  }

  private byte[] body(ReportDocument meta, MonthlyReport r) {
    LedgerStatistics s = r.statistics();
    YearMonth month = YearMonth.parse(r.month());
    letterhead(meta.issuerTh(), meta.issuerEn(), meta.reference(), ThaiDates.date(meta.issuedAt().toLocalDate()),
        meta.issuedAt().toLocalDate().toString());
    title("รายงานการใช้บริการแลกเปลี่ยนข้อมูลประจำเดือน", "Monthly data-exchange governance report");
    add(centered("ประจำเดือน" + ThaiDates.month(month) + " (" + r.month() + ")", fonts.bold(15), 4));
    add(centered("เสนอคณะกรรมการกำกับดูแลข้อมูล / for the data governance committee · เขตเวลา " + r.zone(),
        fonts.regular(11, GREY), 0));

    heading("สรุปภาพรวม", "Summary");
    PdfPTable summary = labelled(45);
    labelledRow(summary, "จำนวนการขอข้อมูลทั้งหมด", "Lookups (allowed and denied)", number(s.totals().lookups()));
    labelledRow(summary, "อนุญาต / ปฏิเสธ", "Allowed / denied",
        number(s.totals().allowed()) + " / " + number(s.totals().denied()));
    labelledRow(summary, "ค่าเฉลี่ยต่อเดือน (" + r.trend().totals().months() + " เดือน)",
        "Monthly average over the trend period", String.format("%,.2f", r.trend().totals().monthlyAverage()));
    labelledRow(summary, "หน่วยงาน / ส่วนงานที่ใช้บริการ", "Agencies / units with lookups",
        s.perAgency().size() + " / " + s.perUnit().size());
    labelledRow(summary, "เจ้าหน้าที่ที่ใช้สิทธิ์", "Officers with rights (seen in the ledger)", number(r.officers()));
    labelledRow(summary, "ข้อสังเกตความผิดปกติ", "Anomalies", number(r.anomalies().size()));
    add(summary);

    heading("แผนภูมิ", "Charts");
    DefaultCategoryDataset top = new DefaultCategoryDataset();
    java.util.Set<String> labels = new java.util.HashSet<>();
    for (LedgerStatistics.UnitTotal u : s.topUnits()) {
      String label = r.unitName(u.agency(), u.unit());
      // Two agencies may name a unit alike: tell them apart.
      top.addValue(u.lookups(), "lookups", labels.add(label) ? label : label + " · " + r.agencyName(u.agency()));
    }
    add(chart(Charts.bars(fonts, "ส่วนงานที่ใช้บริการสูงสุด " + s.topUnits().size() + " อันดับ (Top units)",
        "จำนวนครั้ง / lookups", top, PlotOrientation.HORIZONTAL), 495, 190));
    DefaultCategoryDataset trend = new DefaultCategoryDataset();
    for (MonthlyReport.MonthTotal t : r.monthlyTotals()) {
      trend.addValue(t.lookups(), "lookups", ThaiDates.shortMonth(YearMonth.parse(t.month())));
    }
    add(chart(Charts.bars(fonts, "แนวโน้มรายเดือน (Monthly trend)", "จำนวนครั้ง / lookups", trend,
        PlotOrientation.VERTICAL), 495, 190));

    heading("การใช้งานรายหน่วยงาน", "Per agency (organisation) in the month");
    PdfPTable agencies = table(new float[] {46, 18, 18, 18},
        List.of("หน่วยงาน / Agency", "ทั้งหมด / Lookups", "อนุญาต / Allowed", "ปฏิเสธ / Denied"), 11);
    for (LedgerStatistics.AgencyTotal a : s.perAgency()) {
      row(agencies, 11, r.agencyLabel(a.agency()), a.lookups(), a.allowed(), a.denied());
    }
    row(agencies, 11, "รวม / Total", s.totals().lookups(), s.totals().allowed(), s.totals().denied());
    add(agencies);

    heading("การใช้งานรายหน่วยงานรายเดือน", "Per agency per month (trend)");
    List<String> months = r.trend().months();
    List<String> headers = new ArrayList<>(List.of("หน่วยงาน / Agency"));
    months.forEach(m -> headers.add(ThaiDates.shortMonth(YearMonth.parse(m))));
    float[] widths = new float[months.size() + 1];
    widths[0] = 24;
    for (int i = 1; i < widths.length; i++) {
      widths[i] = 76f / months.size();
    }
    PdfPTable perMonth = table(widths, headers, 8);
    List<String> agencyCodes = r.trend().perAgencyMonth().stream().map(LedgerStatistics.AgencyMonth::agency)
        .distinct().toList();
    for (String agency : agencyCodes) {
      List<Object> cells = new ArrayList<>();
      cells.add(r.agencyName(agency));
      for (String m : months) {
        cells.add(r.trend().perAgencyMonth().stream()
            .filter(a -> Objects.equals(a.agency(), agency) && m.equals(a.month()))
            .mapToLong(LedgerStatistics.AgencyMonth::lookups).sum());
      }
      row(perMonth, 8, cells.toArray());
    }
    add(perMonth);

    heading("การใช้งานรายส่วนงาน", "Per unit (section) and officers with rights");
    PdfPTable units = table(new float[] {36, 34, 15, 15},
        List.of("หน่วยงาน / Agency", "ส่วนงาน / Unit", "ทั้งหมด / Lookups", "เจ้าหน้าที่ / Officers"), 11);
    for (LedgerStatistics.UnitTotal u : s.perUnit()) {
      row(units, 11, r.agencyName(u.agency()), r.unitLabel(u.agency(), u.unit()), u.lookups(), u.officers());
    }
    add(units);

    heading("ส่วนงานที่ใช้บริการสูงสุดและต่ำสุด", "Top and bottom units");
    add(ranked("สูงสุด / Top", s.topUnits(), r));
    add(ranked("ต่ำสุด / Bottom", s.bottomUnits(), r));

    heading("การปฏิเสธตามเหตุผล", "Denials by reason");
    PdfPTable denials = table(new float[] {70, 30}, List.of("เหตุผล / Reason code", "จำนวน / Denials"), 11);
    for (LedgerStatistics.ReasonCount d : s.denialsByReason()) {
      row(denials, 11, d.reason(), d.denials());
    }
    if (s.denialsByReason().isEmpty()) {
      row(denials, 11, "ไม่มี / none", 0L);
    }
    add(denials);

    heading("ข้อสังเกตความผิดปกติ", "Anomalies");
    PdfPTable anomalies = table(new float[] {23, 24, 13, 8, 32},
        List.of("ประเภท / Type", "ส่วนงาน / เจ้าหน้าที่", "วันที่ / Day", "จำนวน", "รายละเอียด / Detail"), 9);
    for (LedgerAnomaly a : r.anomalies()) {
      String who = a.officer() != null ? r.unitName(a.agency(), a.unit()) + " / " + a.officer()
          : "subject " + abbreviate(a.subjectPseudonym());
      row(anomalies, 9, a.type(), who, a.day() == null ? "-" : a.day(), a.count(), a.detail());
    }
    if (r.anomalies().isEmpty()) {
      row(anomalies, 9, "ไม่พบ / none", "-", "-", 0L, "-");
    }
    add(anomalies);

    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"เลขที่เอกสาร", "Document id", meta.id()});
    lines.add(new String[] {"จัดทำโดย", "Requested by", meta.requestedBy()});
    lines.add(new String[] {"ค่าแฮชของข้อมูล (report.csv)", "Content SHA-256", meta.contentHash()});
    lines.add(new String[] {"ลงนามโดย", "Signed by", meta.signer()});
    lines.add(new String[] {"ออกเมื่อ", "Issued at", ExtractPdf.ISO_MINUTE.format(meta.issuedAt())});
    lines.add(new String[] {"ตรวจสอบได้ที่", "Verify at", meta.verifyUrl()});
    verificationBlock(lines, meta.verifyUrl());
    return finish("report.csv", "The report's numbers (CSV); its SHA-256 is printed on the report", meta.csv());
  }

  private PdfPTable ranked(String title, List<LedgerStatistics.UnitTotal> list, MonthlyReport r) {
    PdfPTable table = table(new float[] {10, 60, 30}, List.of("#", title, "ทั้งหมด / Lookups"), 11);
    int rank = 1;
    for (LedgerStatistics.UnitTotal u : list) {
      row(table, 11, String.valueOf(rank++), r.unitName(u.agency(), u.unit()) + " · " + r.agencyName(u.agency()),
          u.lookups());
    }
    table.setSpacingAfter(4);
    return table;
  }

  private Image chart(org.jfree.chart.JFreeChart chart, float width, float height) {
    Image image = Charts.draw(writer, fonts, chart, width, height);
    image.setAlignment(Element.ALIGN_CENTER);
    image.setSpacingBefore(4);
    return image;
  }

  private static String number(long n) {
    return String.format("%,d", n);
  }

  private static String abbreviate(String pseudonym) {
    return pseudonym == null ? "-" : pseudonym.substring(0, Math.min(12, pseudonym.length())) + "…";
  }
}
