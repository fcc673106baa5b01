package org.gdxhub.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property-based fuzzing of the PDF verifier's inspector (issue #10), which reads whatever a
 * citizen or clerk uploads to the public verify endpoint: random bytes and mutated signed
 * extracts always give an inspection (never an exception, so never a 500), and a change to any
 * signed byte never passes as a good signature.
 */
class PdfInspectorPropertiesTest {

  static byte[] signed;
  /** Where the signature value sits: bytes [from, to) are the only ones the signature does not cover. */
  static int contentsFrom;
  static int contentsTo;

  @BeforeAll
  static void signAnExtract() throws Exception {
    ArchivePdfTest.keys = Files.createTempDirectory("gdx-pdf-fuzz-");
    ArchivePdfTest.renderAndSign();
    signed = ArchivePdfTest.signed;
    Matcher range = Pattern.compile("/ByteRange\\s*\\[\\s*0\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*]")
        .matcher(new String(signed, StandardCharsets.ISO_8859_1));
    assertThat(range.find()).as("the signed extract has a byte range").isTrue();
    contentsFrom = Integer.parseInt(range.group(1));
    contentsTo = Integer.parseInt(range.group(2));
    assertThat(PdfInspector.inspect(signed, keyId -> true).signature().ok()).isTrue();
  }

  @Test
  void randomBytesGiveAnInspectionNotAnException() {
    qt().withExamples(300).forAll(randomFiles()).checkAssert(bytes -> {
      PdfInspector.Inspection inspection = PdfInspector.inspect(bytes, keyId -> true);
      assertThat(inspection).isNotNull();
      assertThat(inspection.signature() == null || !inspection.signature().ok()).isTrue();
    });
  }

  @Test
  void changingAnySignedByteNeverPassesAsAGoodSignature() {
    qt().withExamples(200).forAll(integers().between(0, Integer.MAX_VALUE), integers().between(1, 255))
        .checkAssert((where, xor) -> {
          int at = where % signed.length;
          if (at >= contentsFrom && at < contentsTo) {
            at = contentsTo + (at - contentsFrom) % (signed.length - contentsTo);
          }
          byte[] mutated = signed.clone();
          mutated[at] = (byte) (mutated[at] ^ xor);
          PdfInspector.Inspection inspection = PdfInspector.inspect(mutated, keyId -> true);
          assertThat(inspection.signature() == null || !inspection.signature().ok()).as("byte %d changed", at).isTrue();
        });
  }

  @Test
  void truncatedOrExtendedExtractsNeverPassAsAGoodSignature() {
    qt().withExamples(100).forAll(integers().between(1, 100_000), randomFiles(), booleans().all())
        .checkAssert((cut, tail, append) -> {
          byte[] changed = append && tail.length > 0 ? concat(signed, tail)
              : Arrays.copyOf(signed, Math.max(0, signed.length - cut));
          PdfInspector.Inspection inspection = PdfInspector.inspect(changed, keyId -> true);
          assertThat(inspection.signature() == null || !inspection.signature().ok()).isTrue();
        });
  }

  static Gen<byte[]> randomFiles() {
    Gen<byte[]> noise = Generate.byteArrays(integers().between(0, 4096), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    // Noise behind a PDF header and before a plausible trailer gets past the parser's first checks.
    Gen<byte[]> pdfish = noise.map((byte[] b) -> concat(concat("%PDF-1.7\n1 0 obj\n<<".getBytes(StandardCharsets.US_ASCII), b),
        "\ntrailer\n<</Root 1 0 R>>\nstartxref\n9\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
    return Generate.oneOf(noise, pdfish);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
