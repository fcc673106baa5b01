package org.gdxhub.archive.internal;

import java.util.Map;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.openpdf.text.pdf.PdfContentByte;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes (ZXing) drawn as vector squares straight into a PDF page: sharp at any print size. */
public final class QrCode {

  private QrCode() {}

  public static BitMatrix encode(String text) {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
              EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot encode a QR code: " + e.getMessage(), e);
    }
  }

  /** Draws the code with its lower-left corner at (x, y), {@code size} points wide. */
  public static void draw(PdfContentByte cb, String text, float x, float y, float size) {
    BitMatrix matrix = encode(text);
    int n = matrix.getWidth();
    float module = size / n;
    cb.saveState();
    cb.setRGBColorFill(0, 0, 0);
    for (int row = 0; row < n; row++) {
      for (int col = 0; col < n; col++) {
        if (matrix.get(col, row)) {
          // Slight overlap avoids hairline gaps between modules in some viewers.
          cb.rectangle(x + col * module, y + (n - 1 - row) * module, module + 0.05f, module + 0.05f);
        }
      }
    }
    cb.fill();
    cb.restoreState();
  }
}
