package org.gdxhub.archive.internal;

import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Map;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.openpdf.text.Font;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.FontMapper;
import org.openpdf.text.pdf.GlyphLayoutFontManager;
import org.openpdf.text.pdf.GlyphLayoutManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Thai font every archive document embeds: Laksaman (TLWG, derived from TH Sarabun PSK;
 * GPL-2+ with the font exception, {@code fonts/LICENSE-Laksaman.txt}), regular and bold, loaded
 * once from the classpath. Text is shaped by the JDK's OpenType layout (OpenPDF's
 * {@link GlyphLayoutManager}), so Thai vowels and tone marks stack and shift as the font's
 * GSUB/GPOS tables say, and written with ActualText so copy and paste give the original text.
 */
public final class PdfFonts {

  private static final Logger log = LoggerFactory.getLogger(PdfFonts.class);
  private static final String REGULAR = "fonts/Laksaman.ttf";
  private static final String BOLD = "fonts/Laksaman-Bold.ttf";

  private final GlyphLayoutFontManager fontManager = new GlyphLayoutFontManager();
  private final BaseFont regular;
  private final BaseFont bold;
  private final java.awt.Font awtRegular;
  private final java.awt.Font awtBold;

  public PdfFonts() {
    byte[] regularBytes = resource(REGULAR);
    byte[] boldBytes = resource(BOLD);
    try {
      regular = fontManager.loadFont("Laksaman.ttf", new ByteArrayInputStream(regularBytes), 12).getBaseFont();
      bold = fontManager.loadFont("Laksaman-Bold.ttf", new ByteArrayInputStream(boldBytes), 12).getBaseFont();
      awtRegular = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new ByteArrayInputStream(regularBytes));
      awtBold = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new ByteArrayInputStream(boldBytes));
    } catch (GlyphLayoutFontManager.FontLoadException | FontFormatException | IOException e) {
      throw new IllegalStateException("cannot load the archive's fonts", e);
    }
    mapPresentationFormsToThai(regular);
    mapPresentationFormsToThai(bold);
  }

  /** A layout manager for one document (the fonts are shared, the manager is cheap). */
  public GlyphLayoutManager layoutManager() {
    return new GlyphLayoutManager(fontManager).setWriteActualText(true);
  }

  public Font regular(float size) {
    return new Font(regular, size);
  }

  public Font bold(float size) {
    return new Font(bold, size);
  }

  public Font regular(float size, java.awt.Color color) {
    return new Font(regular, size, Font.NORMAL, color);
  }

  public Font bold(float size, java.awt.Color color) {
    return new Font(bold, size, Font.NORMAL, color);
  }

  public BaseFont regularBase() {
    return regular;
  }

  /** The same faces as AWT fonts, for charts drawn through {@link #chartFontMapper()}. */
  public java.awt.Font awt(boolean isBold, float size) {
    return (isBold ? awtBold : awtRegular).deriveFont(size);
  }

  /** Maps every AWT font a chart uses to the embedded Thai font, so chart labels render Thai too. */
  public FontMapper chartFontMapper() {
    return new FontMapper() {
      @Override
      public BaseFont awtToPdf(java.awt.Font font) {
        return font.isBold() || font.getFontName().contains("Bold") ? bold : regular;
      }

      @Override
      public java.awt.Font pdfToAwt(BaseFont font, int size) {
        return awt(font == bold, size);
      }
    };
  }

  /**
   * The TLWG fonts reach the shifted and lowered forms of Thai marks (a tone mark with no upper
   * vowel above it, a vowel beside a tall consonant ...) through glyphs that the font's cmap also
   * gives legacy private-use code points (U+F700..U+F71A). OpenPDF would write those code points
   * into the ToUnicode map, so extracted or copied text would hold private-use characters
   * instead of the marks. Forgetting them makes OpenPDF map each such glyph to the character it
   * was shaped from, which is the right Thai character.
   */
  private static void mapPresentationFormsToThai(BaseFont font) {
    try {
      Field field = Class.forName("org.openpdf.text.pdf.TrueTypeFontUnicode").getDeclaredField("inverseCmap");
      field.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<Integer, Integer> inverse = (Map<Integer, Integer>) field.get(font);
      if (inverse != null) {
        inverse.values().removeIf(code -> code >= 0xF700 && code <= 0xF71A);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Rendering is unaffected; only text extraction of some marks degrades. ArchivePdfTest guards this.
      log.warn("cannot adjust the Thai ToUnicode mapping of {}: {}", font.getPostscriptFontName(), e.toString());
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "font " + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot read font " + name, e);
    }
  }
}
