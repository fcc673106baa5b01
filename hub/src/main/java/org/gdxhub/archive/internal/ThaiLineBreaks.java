package org.gdxhub.archive.internal;

import java.text.BreakIterator;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;

import org.openpdf.text.SplitCharacter;
import org.openpdf.text.pdf.DefaultSplitCharacter;
import org.openpdf.text.pdf.PdfChunk;

/**
 * Where a line may break in Thai text. Thai writes no spaces between words, so OpenPDF's
 * default (break at spaces and hyphens) would cut a long Thai run anywhere, even inside a word;
 * the JDK's dictionary-based Thai line break iterator finds the word boundaries instead. Not
 * thread-safe: one instance per document being rendered.
 */
final class ThaiLineBreaks implements SplitCharacter {

  private static final Locale THAI = Locale.forLanguageTag("th");

  private char[] text;
  private BitSet breaks;

  @Override
  public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
    if (DefaultSplitCharacter.DEFAULT.isSplitCharacter(start, current, end, cc, ck)) {
      return true;
    }
    if (current + 1 >= end || !(isThai(cc[current]) || isThai(cc[current + 1]))) {
      return false;
    }
    // Column text reuses its character array for the next paragraph: compare contents, not identity.
    if (text == null || text.length != end || !Arrays.equals(cc, 0, end, text, 0, end)) {
      text = Arrays.copyOf(cc, end);
      breaks = new BitSet(end + 1);
      BreakIterator iterator = BreakIterator.getLineInstance(THAI);
      iterator.setText(new String(cc, 0, end));
      for (int b = iterator.first(); b != BreakIterator.DONE; b = iterator.next()) {
        breaks.set(b);
      }
    }
    return breaks.get(current + 1);
  }

  private static boolean isThai(char c) {
    return c >= '\u0E00' && c <= '\u0E7F';
  }
}
