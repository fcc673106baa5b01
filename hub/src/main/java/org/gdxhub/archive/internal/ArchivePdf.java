package org.gdxhub.archive.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfFileSpecification;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The layout every archive document shares, in the manner of a Thai official letter: the
 * issuing authority centred at the top, the reference number (ที่) on the left and the date in
 * the Buddhist Era on the right, the title, then the body; at the end a verification block
 * with the ledger entry, the content hash, the signer and a QR code to the verify page; the
 * reference and page number at the foot of every page. One instance renders one document.
 */
abstract class ArchivePdf {

  static final Color GREY = new Color(0x55, 0x55, 0x55);
  static final Color RULE = new Color(0x1F, 0x3A, 0x5F);
  static final Color HEADER_FILL = new Color(0xE8, 0xEE, 0xF5);

  final PdfFonts fonts;
  final ThaiLineBreaks lineBreaks = new ThaiLineBreaks();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final Document document;
  final PdfWriter writer;

  ArchivePdf(PdfFonts fonts, String reference, Map<String, String> info) {
    this.fonts = fonts;
    this.document = new Document(PageSize.A4, 50, 50, 40, 50);
    document.setGlyphLayoutManager(fonts.layoutManager());
    this.writer = PdfWriter.getInstance(document, out);
    writer.setPageEvent(new Footer(reference));
    info.forEach((key, value) -> {
      switch (key) {
        case "Title" -> document.addTitle(value);
        case "Subject" -> document.addSubject(value);
        default -> document.addHeader(key, value);
      }
    });
    document.addCreator("GDX Hub");
    document.addAuthor("GDX Hub");
    document.open();
  }

  /** Finishes the document with the machine-readable data embedded as a file; returns the PDF. */
  byte[] finish(String attachmentName, String description, byte[] attachment) {
    try {
      PdfFileSpecification file = PdfFileSpecification.fileEmbedded(writer, null, attachmentName, attachment);
      file.addDescription(description, true);
      // The name-tree key is what viewers list and verifiers look up: the file's own name.
      writer.addFileAttachment(attachmentName, file);
      document.close();
      return out.toByteArray();
    } catch (java.io.IOException | RuntimeException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot render the document: " + e.getMessage(), e);
    }
  }

  void add(Element element) {
    try {
      document.add(element);
    } catch (DocumentException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot render the document: " + e.getMessage(), e);
    }
  }

  /** Issuing authority, rule, reference number and date. */
  void letterhead(String issuerTh, String issuerEn, String reference, String dateTh, String dateIso) {
    add(centered(issuerTh, fonts.bold(18, RULE), 0));
    add(centered(issuerEn, fonts.regular(12, GREY), 0));
    // A rule under the letterhead: an empty cell with only a bottom border (a LineSeparator chunk
    // would bring in a non-embedded standard font).
    PdfPTable rule = new PdfPTable(1);
    rule.setWidthPercentage(100);
    PdfPCell line = new PdfPCell(new Phrase(" ", fonts.regular(2)));
    line.setBorder(Rectangle.BOTTOM);
    line.setBorderColorBottom(RULE);
    line.setBorderWidthBottom(1.2f);
    line.setFixedHeight(4);
    rule.addCell(line);
    add(rule);
    Paragraph number = new Paragraph(p("ที่ / No. " + reference, fonts.regular(13)));
    number.setSpacingBefore(4);
    add(number);
    Paragraph date = new Paragraph(p("วันที่ " + dateTh + " (" + dateIso + ")", fonts.regular(13)));
    date.setAlignment(Element.ALIGN_RIGHT);
    add(date);
  }

  /** Text in a font that breaks lines at Thai word boundaries. */
  Chunk chunk(String text, Font font) {
    Chunk chunk = new Chunk(text, font);
    chunk.setSplitCharacter(lineBreaks);
    return chunk;
  }

  /** A phrase with line spacing that leaves room for Thai marks above and below. */
  Phrase p(String text, Font font) {
    return p(font.getSize() * 1.4f, text, font);
  }

  Phrase p(float leading, String text, Font font) {
    Phrase phrase = new Phrase(leading, "", font);
    phrase.add(chunk(text, font));
    return phrase;
  }

  /** A Thai label over its English translation. */
  Phrase label(String th, String en) {
    Phrase label = new Phrase(16.5f, "", fonts.regular(8.5f));
    label.add(chunk(th, fonts.bold(12)));
    label.add(chunk("\n" + en, fonts.regular(8.5f, GREY)));
    return label;
  }

  void title(String titleTh, String titleEn) {
    Paragraph th = centered(titleTh, fonts.bold(20), 10);
    add(th);
    add(centered(titleEn, fonts.regular(14, GREY), 0));
  }

  void heading(String th, String en) {
    Paragraph heading = new Paragraph(21, "", fonts.regular(11));
    heading.setSpacingBefore(8);
    heading.setSpacingAfter(2);
    heading.add(chunk(th + "  ", fonts.bold(15, RULE)));
    heading.add(chunk(en, fonts.regular(11, GREY)));
    add(heading);
  }

  void text(String text, float size) {
    add(new Paragraph(p(text, fonts.regular(size))));
  }

  /** Two columns of label (Thai over English) and value. */
  PdfPTable labelled(float labelWidth) {
    PdfPTable table = new PdfPTable(new float[] {labelWidth, 100 - labelWidth});
    table.setWidthPercentage(100);
    table.setSpacingBefore(4);
    return table;
  }

  /** Two label-value pairs per row. */
  PdfPTable labelledPairs() {
    PdfPTable table = new PdfPTable(new float[] {19, 31, 19, 31});
    table.setWidthPercentage(100);
    table.setSpacingBefore(4);
    return table;
  }

  void labelledRow(PdfPTable table, String labelTh, String labelEn, String value) {
    table.addCell(cell(label(labelTh, labelEn), Element.ALIGN_LEFT, HEADER_FILL));
    table.addCell(cell(p(value == null || value.isBlank() ? "-" : value, fonts.regular(12.5f)),
        Element.ALIGN_LEFT, null));
  }

  /** A table with a shaded header row. */
  PdfPTable table(float[] widths, List<String> headers, float fontSize) {
    PdfPTable table = new PdfPTable(widths);
    table.setWidthPercentage(100);
    table.setSpacingBefore(4);
    table.setHeaderRows(1);
    for (String header : headers) {
      table.addCell(cell(p(header, fonts.bold(fontSize)), Element.ALIGN_CENTER, HEADER_FILL));
    }
    return table;
  }

  void row(PdfPTable table, float fontSize, Object... values) {
    for (Object value : values) {
      boolean number = value instanceof Number;
      String text = value == null ? "-" : value instanceof Double d ? String.format("%,.2f", d)
          : number ? String.format("%,d", ((Number) value).longValue()) : value.toString();
      table.addCell(cell(p(text, fonts.regular(fontSize)), number ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT,
          null));
    }
  }

  /**
   * The verification block: what identifies the document in the ledger and the archive, and a
   * QR code that opens the public verify page.
   */
  void verificationBlock(List<String[]> lines, String verifyUrl) {
    PdfPTable block = new PdfPTable(new float[] {78, 22});
    block.setWidthPercentage(100);
    block.setSpacingBefore(12);
    block.setKeepTogether(true);
    Phrase text = new Phrase(14, "", fonts.regular(9));
    text.add(chunk("การตรวจสอบเอกสาร  ", fonts.bold(12, RULE)));
    text.add(chunk("Verification", fonts.regular(10, GREY)));
    for (String[] line : lines) {
      text.add(chunk("\n" + line[0] + " / " + line[1] + ": ", fonts.regular(9, GREY)));
      text.add(chunk(line[2], fonts.regular(9.5f)));
    }
    PdfPCell left = cell(text, Element.ALIGN_LEFT, null);
    left.setBorderColor(RULE);
    block.addCell(left);
    PdfPCell qr = new PdfPCell(qrImage(verifyUrl, 96), false);
    qr.setPadding(6);
    qr.setHorizontalAlignment(Element.ALIGN_CENTER);
    qr.setVerticalAlignment(Element.ALIGN_MIDDLE);
    qr.setBorderColor(RULE);
    block.addCell(qr);
    add(block);
  }

  Image qrImage(String url, float size) {
    PdfTemplate template = writer.getDirectContent().createTemplate(size, size);
    QrCode.draw(template, url, 0, 0, size);
    try {
      return Image.getInstance(template);
    } catch (org.openpdf.text.BadElementException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot place the QR code", e);
    }
  }

  PdfPCell cell(Phrase phrase, int align, Color fill) {
    PdfPCell cell = new PdfPCell(phrase);
    cell.setHorizontalAlignment(align);
    cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
    cell.setPaddingTop(3);
    cell.setPaddingBottom(5);
    cell.setPaddingLeft(5);
    cell.setPaddingRight(5);
    // Thai marks sit above the cap height and below the baseline: size the cell to the font's ascent and descent.
    cell.setUseAscender(true);
    cell.setUseDescender(true);
    cell.setBorderColor(Color.LIGHT_GRAY);
    cell.setBorderWidth(0.5f);
    if (fill != null) {
      cell.setBackgroundColor(fill);
    }
    return cell;
  }

  PdfPCell plain(Phrase phrase, int align) {
    PdfPCell cell = new PdfPCell(phrase);
    cell.setBorder(Rectangle.NO_BORDER);
    cell.setHorizontalAlignment(align);
    cell.setUseAscender(true);
    cell.setUseDescender(true);
    return cell;
  }

  Paragraph centered(String text, Font font, float spacingBefore) {
    Paragraph p = new Paragraph(p(font.getSize() * 1.3f, text, font));
    p.setAlignment(Element.ALIGN_CENTER);
    p.setSpacingBefore(spacingBefore);
    return p;
  }

  /** The reference and page number at the foot of every page. */
  private final class Footer extends PdfPageEventHelper {
    private final String reference;

    Footer(String reference) {
      this.reference = reference;
    }

    @Override
    public void onEndPage(PdfWriter w, Document d) {
      PdfContentByte cb = w.getDirectContent();
      cb.saveState();
      cb.setColorStroke(Color.LIGHT_GRAY);
      cb.setLineWidth(0.5f);
      cb.moveTo(d.left(), d.bottom() - 14);
      cb.lineTo(d.right(), d.bottom() - 14);
      cb.stroke();
      cb.beginText();
      cb.setFontAndSize(fonts.regularBase(), 9);
      cb.setColorFill(GREY);
      cb.showTextAligned(Element.ALIGN_LEFT, reference, d.left(), d.bottom() - 26, 0);
      cb.showTextAligned(Element.ALIGN_RIGHT, "หน้า " + w.getPageNumber() + " / page " + w.getPageNumber(),
          d.right(), d.bottom() - 26, 0);
      cb.endText();
      cb.restoreState();
    }
  }
}
