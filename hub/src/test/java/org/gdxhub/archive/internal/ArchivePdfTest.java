package org.gdxhub.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.archive.PdfTestSupport;
import org.gdxhub.archive.Verification;
import org.gdxhub.common.JsonText;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certified extract as rendered and signed, read back with PDFBox and BouncyCastle only:
 * Thai and English text, fields, dates, hashes, the embedded data and a PAdES-style signature
 * that verifies against the signing service's certificate; and the archive's own inspector
 * noticing changed and appended bytes.
 */
class ArchivePdfTest {

  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
  static final String ID = "3f9a2c71-0b1d-4e7a-9c55-6d2f00a1b2c3";
  static final String LEDGER_ENTRY = "9d1c6a0e-2f4b-4c3d-8e9f-0a1b2c3d4e5f";
  static final String SOURCE_ENTRY = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

  @TempDir
  static Path keys;
  static PdfSigner signer;
  static DocumentRenderer renderer;
  static ExtractDocument extract;
  static byte[] signed;

  @BeforeAll
  static void renderAndSign() throws Exception {
    SigningService signing = SigningService.localKeystore(keys.resolve("keys.p12"), "test-password");
    signer = new PdfSigner(signing, "archive-document");
    renderer = new DocumentRenderer(new PdfFonts(), signer);
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("citizen_id", "1005662330474");
    members.put("name_th", "นางสาวปิ่นแก้ว ใจดีงาม");
    List<ExtractDocument.Field> fields = List.of(
        new ExtractDocument.Field("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", "1005662330474"),
        new ExtractDocument.Field("title_th", "คำนำหน้านาม", "Title", "นางสาว"),
        new ExtractDocument.Field("first_name_th", "ชื่อ", "First name (Thai)", "ปิ่นแก้ว"),
        new ExtractDocument.Field("last_name_th", "ชื่อสกุล", "Last name (Thai)", "ใจดีงาม"),
        new ExtractDocument.Field("first_name_en", "ชื่อ (อังกฤษ)", "First name (English)", "Pinkaew"),
        new ExtractDocument.Field("birth_date", "วันเกิด", "Birth date", "1988-04-17"),
        new ExtractDocument.Field("address", "ที่อยู่ตามทะเบียนบ้าน", "Registered address",
            "99/1 ถนนเจริญกรุง แขวงสี่พระยา เขตบางรัก กรุงเทพมหานคร 10500"),
        new ExtractDocument.Field("members", "ผู้อาศัย", "Members", List.of(members)));
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("documentId", ID);
    content.put("fields", fields);
    byte[] json = JsonText.write(content).getBytes(StandardCharsets.UTF_8);
    ZonedDateTime issued = Instant.parse("2026-11-23T07:05:00Z").atZone(BANGKOK);
    extract = new ExtractDocument(ID, "GDX-EX 2569/3F9A-2C71-AB12-CD34", issued, "ศูนย์แลกเปลี่ยนข้อมูลภาครัฐ",
        "Government Data Exchange Hub", "civil-record", "ข้อมูลทะเบียนราษฎร (ไม่รวมภาพใบหน้า)",
        "Civil registration record (excluding face image)", "สำนักทะเบียนกลาง", "Central Registration Office",
        "สำนักงานเขตบางรัก", "Bang Rak District Office", "ฝ่ายทะเบียน", "Registration Section", "officer-001",
        "welfare-registration", "Civil Registration Act B.E. 2534, s. 6", "BR-2569-0001", true,
        issued.minusMinutes(3), "agr-1", LEDGER_ENTRY, SOURCE_ENTRY, fields, json, DocumentArchiver.sha256(json),
        "http://localhost:8080/archive/verify/" + ID + "?hash=" + DocumentArchiver.sha256(json), renderer.signerName());
    signed = signer.sign(renderer.extract(extract), issued.toInstant(), "Certified extract", "GDX Hub").pdf();
    PdfTestSupport.keepSample("extract-unit.pdf", signed);
  }

  @Test
  void rendersThaiAndEnglishTextWithMarksInPlace() throws Exception {
    String text = PdfTestSupport.text(signed);
    assertThat(text).contains("ศูนย์แลกเปลี่ยนข้อมูลภาครัฐ", "Government Data Exchange Hub",
        "หนังสือรับรองข้อมูลทางอิเล็กทรอนิกส์", "Certified electronic extract",
        "ข้อมูลทะเบียนราษฎร (ไม่รวมภาพใบหน้า)", "สำนักงานเขตบางรัก", "ฝ่ายทะเบียน");
    // Tone marks over vowels, lowered tone marks and SARA AM come back as the original characters.
    assertThat(text).contains("เลขประจำตัวประชาชน", "นางสาว", "ปิ่นแก้ว", "ใจดีงาม", "ที่อยู่ตามทะเบียนบ้าน",
        "แขวงสี่พระยา", "ผู้อาศัย");
    assertThat(text).doesNotContainPattern("[\uF700-\uF71A]");
  }

  @Test
  void printsTheOfficialParticulars() throws Exception {
    String text = PdfTestSupport.text(signed);
    assertThat(text).contains("ที่ / No. GDX-EX 2569/3F9A-2C71-AB12-CD34", "วันที่ 23 พฤศจิกายน พ.ศ. 2569 (2026-11-23)",
        "welfare-registration", "BR-2569-0001", "officer-001", "อ่านบัตรที่จุดบริการแล้ว",
        "1005662330474", "Pinkaew", "1988-04-17", LEDGER_ENTRY, SOURCE_ENTRY, extract.contentHash(), ID);
    assertThat(PdfTestSupport.info(signed)).containsEntry(PdfInspector.INFO_DOCUMENT_ID, ID)
        .containsEntry(PdfInspector.INFO_LEDGER_ENTRY, LEDGER_ENTRY)
        .containsEntry(PdfInspector.INFO_CONTENT_HASH, extract.contentHash());
  }

  @Test
  void embedsTheCertifiedDataWhoseHashIsPrinted() throws Exception {
    byte[] embedded = PdfTestSupport.embeddedFile(signed, "extract.json");
    assertThat(embedded).isEqualTo(extract.contentJson());
    assertThat(DocumentArchiver.sha256(embedded)).isEqualTo(extract.contentHash());
    assertThat(PdfTestSupport.text(signed)).contains(DocumentArchiver.sha256(embedded));
  }

  @Test
  void carriesACadesSignatureThatVerifiesAgainstTheSigningCertificate() throws Exception {
    PdfTestSupport.SignatureFacts facts = PdfTestSupport.signature(signed, signer.certificate());
    assertThat(facts.subFilter()).isEqualTo("ETSI.CAdES.detached");
    assertThat(facts.coversWholeFile()).isTrue();
    assertThat(facts.cmsVerifies()).isTrue();
    assertThat(facts.hasSigningCertificateV2()).isTrue();
    assertThat(facts.hasSigningTimeAttribute()).isFalse();

    PdfInspector.Inspection inspection = PdfInspector.inspect(signed,
        keyId -> keyId.equals(Signatures.keyId(signer.certificate())));
    assertThat(inspection.documentId()).isEqualTo(ID);
    assertThat(inspection.signature().ok()).isTrue();
    assertThat(inspection.signature().signedAt()).isEqualTo(Instant.parse("2026-11-23T07:05:00Z"));
  }

  @Test
  void theInspectorNoticesChangedAndAppendedBytes() throws Exception {
    // Someone edits the ledger entry id in the document information (uncompressed, inside the signed bytes).
    byte[] changed = signed.clone();
    int at = indexOf(changed, LEDGER_ENTRY.getBytes(StandardCharsets.US_ASCII));
    assertThat(at).isPositive();
    changed[at] = (byte) (changed[at] == '9' ? '8' : '9');
    PdfInspector.Inspection edited = PdfInspector.inspect(changed, keyId -> true);
    assertThat(edited.readable()).isTrue();
    assertThat(edited.signature().present()).isTrue();
    assertThat(edited.signature().valid()).as("a changed byte breaks the signature").isFalse();

    byte[] appended = java.util.Arrays.copyOf(signed, signed.length + 32);
    System.arraycopy("\n% appended after signing\n".getBytes(StandardCharsets.US_ASCII), 0, appended, signed.length, 26);
    Verification.SignatureCheck tail = PdfInspector.inspect(appended, keyId -> true).signature();
    assertThat(tail.valid()).isTrue();
    assertThat(tail.coversWholeFile()).isFalse();

    assertThat(PdfInspector.inspect("not a pdf".getBytes(StandardCharsets.US_ASCII), keyId -> true).readable())
        .isFalse();
  }

  @Test
  void anotherKeysSignatureIsNotTrusted() throws Exception {
    PdfInspector.Inspection inspection = PdfInspector.inspect(signed, keyId -> false);
    assertThat(inspection.signature().valid()).isTrue();
    assertThat(inspection.signature().trusted()).isFalse();
    assertThat(inspection.signature().ok()).isFalse();
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
