package org.gdxhub.archive.internal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpdf.text.Element;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPTable;

/** Renders a certified extract (see {@link ArchivePdf} for the shared layout). */
final class ExtractPdf extends ArchivePdf {

  static final DateTimeFormatter ISO_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private ExtractPdf(PdfFonts fonts, ExtractDocument e) {
    super(fonts, e.reference(), info(e));
  }

  static byte[] render(PdfFonts fonts, ExtractDocument e) {
    return new ExtractPdf(fonts, e).body(e);
  }

  private static Map<String, String> info(ExtractDocument e) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("Title", "หนังสือรับรองข้อมูลทางอิเล็กทรอนิกส์ " + e.reference() + " (Certified electronic extract)");
    info.put("Subject", e.datasetTitleEn());
    info.put(PdfInspector.INFO_DOCUMENT_ID, e.id());
    info.put(PdfInspector.INFO_REFERENCE, e.reference());
    info.put(PdfInspector.INFO_LEDGER_ENTRY, e.ledgerEntryId());
    info.put(PdfInspector.INFO_CONTENT_HASH, e.contentHash());
    return info;
  }

  private byte[] body(ExtractDocument e) {
    letterhead(e.issuerTh(), e.issuerEn(), e.reference(), ThaiDates.date(e.issuedAt().toLocalDate()),
        e.issuedAt().toLocalDate().toString());
    title("หนังสือรับรองข้อมูลทางอิเล็กทรอนิกส์", "Certified electronic extract");
    add(centered(e.datasetTitleTh(), fonts.bold(15), 4));
    add(centered(e.datasetTitleEn(), fonts.regular(11, GREY), 0));

    heading("รายละเอียดการขอข้อมูล", "Request");
    PdfPTable request = labelledPairs();
    labelledRow(request, "หน่วยงานเจ้าของข้อมูล", "Data owner", e.ownerTh() + " (" + e.ownerEn() + ")");
    labelledRow(request, "หน่วยงานผู้ขอ", "Consuming agency", e.consumerTh() + " (" + e.consumerEn() + ")");
    labelledRow(request, "ส่วนงาน / เจ้าหน้าที่", "Unit / officer",
        e.unitTh() + " (" + e.unitEn() + ") / " + e.officer());
    labelledRow(request, "วัตถุประสงค์", "Purpose", e.purpose());
    labelledRow(request, "ฐานทางกฎหมาย", "Legal basis", e.legalBasis());
    labelledRow(request, "เลขที่เรื่อง", "Case reference", e.caseRef());
    labelledRow(request, "บัตรประจำตัวประชาชน", "ID card",
        e.cardPresent() ? "อ่านบัตรที่จุดบริการแล้ว (card read at the counter)" : "ไม่ได้อ่านบัตร (online, no card)");
    labelledRow(request, "เวลาที่ขอข้อมูล", "Looked up at",
        ThaiDates.dateTime(e.lookedUpAt()) + " (" + ISO_MINUTE.format(e.lookedUpAt()) + ")");
    add(request);

    heading("ข้อมูลที่รับรอง", "Certified data");
    PdfPTable data = table(new float[] {32, 68}, List.of("รายการ / Field", "ข้อมูล / Value"), 12);
    for (ExtractDocument.Field field : e.fields()) {
      data.addCell(cell(label(field.labelTh(), field.labelEn()), Element.ALIGN_LEFT, null));
      data.addCell(cell(p(String.join("\n", valueLines(field.value())), fonts.regular(12.5f)),
          Element.ALIGN_LEFT, null));
    }
    add(data);

    Phrase statement = new Phrase(17, "", fonts.regular(10));
    statement.add(chunk(e.issuerTh() + " รับรองว่าข้อมูลข้างต้นได้รับจากระบบของหน่วยงานเจ้าของข้อมูล "
        + "ตามผลการพิจารณาสิทธิ์ตามบันทึกข้อตกลง ณ เวลาที่ออกหนังสือนี้ และบันทึกไว้ในสารบรรณกลางของข้อมูลการแลกเปลี่ยน "
        + "หนังสือนี้ลงลายมือชื่อดิจิทัลและใช้แทนสำเนาเอกสารได้ โดยไม่ต้องขอสำเนาเอกสารจากประชาชน\n", fonts.regular(12)));
    statement.add(chunk("The " + e.issuerEn() + " certifies that the data above came from the data owner's "
        + "system under the access agreement in force when this extract was issued, and that the exchange is recorded "
        + "in the central exchange ledger. The extract is digitally signed and replaces a photocopy of the document.",
        fonts.regular(10, GREY)));
    var paragraph = new org.openpdf.text.Paragraph(17, "", fonts.regular(10));
    paragraph.add(statement);
    paragraph.setSpacingBefore(8);
    add(paragraph);

    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"เลขที่เอกสาร", "Document id", e.id()});
    lines.add(new String[] {"รายการในสารบรรณกลาง", "Ledger entry", e.ledgerEntryId()});
    lines.add(new String[] {"รายการขอข้อมูลต้นทาง", "Source lookup", e.sourceLedgerEntryId()});
    lines.add(new String[] {"บันทึกข้อตกลง", "Agreement", e.agreementId()});
    lines.add(new String[] {"ค่าแฮชของข้อมูล", "Content SHA-256", e.contentHash()});
    lines.add(new String[] {"ลงนามโดย", "Signed by", e.signer()});
    lines.add(new String[] {"ออกเมื่อ", "Issued at", ISO_MINUTE.format(e.issuedAt())});
    lines.add(new String[] {"ตรวจสอบได้ที่", "Verify at", e.verifyUrl()});
    verificationBlock(lines, e.verifyUrl());
    return finish("extract.json", "Certified data (JSON); its SHA-256 is printed on the extract",
        e.contentJson());
  }

  /** A value as printed lines: lists of records one per line, each as "key: value" pairs. */
  static List<String> valueLines(Object value) {
    List<String> lines = new ArrayList<>();
    if (value instanceof List<?> list) {
      int i = 1;
      for (Object item : list) {
        lines.add(i++ + ") " + inline(item));
      }
      if (lines.isEmpty()) {
        lines.add("-");
      }
    } else {
      lines.add(inline(value));
    }
    return lines;
  }

  private static String inline(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      map.forEach((k, v) -> parts.add(k + ": " + inline(v)));
      return String.join(" · ", parts);
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(v -> parts.add(inline(v)));
      return String.join(", ", parts);
    }
    return value.toString();
  }
}
