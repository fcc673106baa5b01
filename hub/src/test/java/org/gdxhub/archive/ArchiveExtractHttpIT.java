package org.gdxhub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.gdxhub.archive.internal.DocumentArchiver;
import org.gdxhub.connectors.DemoSources;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.security.Signatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Certified extracts end to end on a running hub with its embedded defaults (H2 file database,
 * keystore, archive directory) and the demo owner systems: a real lookup, the extract issued
 * as its own ledgered exchange, the PDF read back (Thai text, fields, hash, signature checked
 * cryptographically against the published certificate), verification (valid, tampered,
 * revoked, unknown), the public verify page, the extracts about a subject, and who may do what.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveExtractHttpIT {

  static final Map<String, String> OFFICER = ArchiveHttpSupport.caller(DemoData.CONSUMER, "registration",
      "officer-001", null);
  static final Map<String, String> COMMITTEE = ArchiveHttpSupport.caller("governance-committee", "secretariat",
      "auditor-1", "committee");

  @LocalServerPort
  int port;
  @Autowired
  org.gdxhub.security.TokenIssuer tokenIssuer;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  DemoSources demoSources;

  ArchiveHttpSupport http;
  String citizen;
  JsonNode lookup;
  JsonNode issued;
  byte[] pdf;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    Path dataDir = Files.createTempDirectory("gdx-archive-it-");
    properties.add("hub.data-dir", dataDir::toString);
    properties.add("hub.archive.public-base-url", () -> "https://hub.example.go.th");
  }

  @BeforeAll
  void lookUpAndIssue() {
    http = new ArchiveHttpSupport(port, tokenIssuer);
    citizen = registry.sampleCitizenIds(1).getFirst();
    lookup = lookup(citizen, "BR-2569-0301");
    var response = http.postJson("/api/v1/archive/extracts", OFFICER,
        Map.of("ledgerEntryId", lookup.get("ledgerEntryId").asString(), "subjectId", citizen));
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    issued = response.json();
    var download = http.get(issued.get("pdf").asString(), OFFICER);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.contentType()).startsWith("application/pdf");
    pdf = download.bytes();
  }

  JsonNode lookup(String subject, String caseRef) {
    var r = http.postJson("/api/v1/exchange/" + DemoData.DATASET + "/lookup", OFFICER, Map.of("subjectId", subject,
        "purpose", DemoData.PURPOSE, "caseRef", caseRef, "cardPresent", true));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  @Test
  void issuingAnExtractIsItsOwnLedgeredExchangeInTheLookupsContext() {
    JsonNode document = issued.get("document");
    assertThat(document.get("kind").asString()).isEqualTo("extract");
    assertThat(document.get("sourceLedgerEntryId").asString()).isEqualTo(lookup.get("ledgerEntryId").asString());
    String issuing = document.get("ledgerEntryId").asString();
    assertThat(issuing).isNotEqualTo(lookup.get("ledgerEntryId").asString());

    JsonNode original = http.get("/api/v1/ledger/" + lookup.get("ledgerEntryId").asString(), COMMITTEE).json();
    JsonNode entry = http.get("/api/v1/ledger/" + issuing, COMMITTEE).json();
    assertThat(entry.get("exchange").get("outcome").asString()).isEqualTo("extract_issued");
    assertThat(entry.get("exchange").get("decision").asString()).isEqualTo("allow");
    for (String field : List.of("agency", "unit", "officer", "datasetId", "agreementId", "purpose", "legalBasis",
        "caseRef", "cardPresent", "subjectPseudonym", "fieldsReleased")) {
      assertThat(entry.get("exchange").get(field)).as(field).isEqualTo(original.get("exchange").get(field));
    }
    assertThat(http.get("/api/v1/ledger/verify", COMMITTEE).json().get("valid").asBoolean()).isTrue();
    // The metadata names the subject only by pseudonym.
    assertThat(issued.toString()).doesNotContain(citizen);
    assertThat(issued.get("verifyUrl").asString()).startsWith("https://hub.example.go.th/archive/verify/"
        + document.get("id").asString() + "?hash=" + document.get("contentHash").asString());
  }

  @Test
  void thePdfHoldsExactlyTheReleasedFieldsInThaiWithTheLedgerEntryAndHash() throws Exception {
    PdfTestSupport.keepSample("extract-http.pdf", pdf);
    String text = PdfTestSupport.text(pdf);
    JsonNode record = lookup.get("record");
    assertThat(text).contains("หนังสือรับรองข้อมูลทางอิเล็กทรอนิกส์", "ข้อมูลทะเบียนราษฎร (ไม่รวมภาพใบหน้า)",
        "สำนักทะเบียนกลาง", "สำนักงานเขตบางรัก", "ฝ่ายทะเบียน", "BR-2569-0301", "พ.ศ. 25",
        "เลขประจำตัวประชาชน", "ที่อยู่ตามทะเบียนบ้าน");
    for (String field : DemoData.GRANTED_FIELDS) {
      assertThat(text).as(field).contains(record.get(field).asString());
    }
    assertThat(text).doesNotContain("ภาพใบหน้า Face image").doesNotContain("เพศ Gender");
    JsonNode document = issued.get("document");
    assertThat(text).contains(document.get("ledgerEntryId").asString(), document.get("sourceLedgerEntryId").asString(),
        document.get("contentHash").asString(), document.get("reference").asString());

    byte[] embedded = PdfTestSupport.embeddedFile(pdf, "extract.json");
    assertThat(DocumentArchiver.sha256(embedded)).isEqualTo(document.get("contentHash").asString());
    JsonNode content = ArchiveHttpSupport.JSON.readTree(embedded);
    assertThat(content.get("ledgerEntryId").asString()).isEqualTo(document.get("ledgerEntryId").asString());
    List<String> names = content.get("fields").valueStream().map(f -> f.get("name").asString()).toList();
    assertThat(names).containsExactlyElementsOf(DemoData.GRANTED_FIELDS);
    assertThat(DocumentArchiver.sha256(pdf)).isEqualTo(document.get("fileHash").asString());
  }

  @Test
  void theSignatureVerifiesAgainstThePublishedCertificate() throws Exception {
    X509Certificate certificate = Signatures.fromPem(http.get("/api/v1/archive/certificate", Map.of()).text())
        .getFirst();
    PdfTestSupport.SignatureFacts facts = PdfTestSupport.signature(pdf, certificate);
    assertThat(facts.subFilter()).isEqualTo("ETSI.CAdES.detached");
    assertThat(facts.cmsVerifies()).isTrue();
    assertThat(facts.coversWholeFile()).isTrue();
    assertThat(facts.hasSigningCertificateV2()).isTrue();
    assertThat(Signatures.keyId(certificate)).isEqualTo(issued.get("document").get("keyId").asString());
    // Not the ledger's checkpoint key: the archive signs with its own key name.
    assertThat(http.get("/api/v1/ledger/certificate", COMMITTEE).text())
        .isNotEqualTo(Signatures.toPem(certificate));
  }

  @Test
  void certifiesACompanyCertificateWithItsDirectorsAndObjectives() throws Exception {
    String company = demoSources.juristicIds().getFirst();
    var served = http.postJson("/api/v1/exchange/" + DemoData.COMPANY_CERTIFICATE.id() + "/lookup", OFFICER,
        Map.of("subjectId", company, "subjectType", "juristic_id", "purpose", DemoData.TRADE_PURPOSE,
            "caseRef", "BR-2569-0303"));
    assertThat(served.status()).as(served.text()).isEqualTo(200);
    var extract = http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("requestId",
        served.json().get("requestId").asString(), "subjectId", company));
    assertThat(extract.status()).as(extract.text()).isEqualTo(201);
    byte[] certificate = http.get(extract.json().get("pdf").asString(), OFFICER).bytes();
    PdfTestSupport.keepSample("extract-company.pdf", certificate);
    String text = PdfTestSupport.text(certificate);
    JsonNode record = served.json().get("record");
    assertThat(text).contains("หนังสือรับรองนิติบุคคล", company, record.get("name_th").asString(),
        record.get("directors").get(0).get("name_th").asString(), "กรมพัฒนาธุรกิจการค้า");
    assertThat(http.postBytes("/api/v1/archive/verify", "application/pdf", certificate).json().get("status")
        .asString()).isEqualTo("valid");
  }

  @Test
  void verificationSaysValidAndNamesTheLedgerEntry() {
    JsonNode document = issued.get("document");
    for (var response : List.of(http.postBytes("/api/v1/archive/verify", "application/pdf", pdf),
        http.postMultipart("/api/v1/archive/verify", "file", "extract.pdf", pdf))) {
      assertThat(response.status()).as(response.text()).isEqualTo(200);
      JsonNode v = response.json();
      assertThat(v.get("status").asString()).isEqualTo("valid");
      assertThat(v.get("ledgerEntryId").asString()).isEqualTo(document.get("ledgerEntryId").asString());
      assertThat(v.get("signature").get("valid").asBoolean()).isTrue();
      assertThat(v.get("signature").get("trusted").asBoolean()).isTrue();
      assertThat(v.get("problems")).isEmpty();
      assertThat(response.text()).doesNotContain(citizen);
    }
    JsonNode byHash = http.postJson("/api/v1/archive/verify", Map.of(), Map.of("documentId",
        document.get("id").asString(), "hash", document.get("contentHash").asString())).json();
    assertThat(byHash.get("status").asString()).isEqualTo("valid");
    assertThat(byHash.get("ledgerEntryId").asString()).isEqualTo(document.get("ledgerEntryId").asString());
  }

  @Test
  void aTamperedPdfFailsVerification() {
    String ledgerEntry = issued.get("document").get("ledgerEntryId").asString();
    byte[] edited = pdf.clone();
    int at = indexOf(edited, ledgerEntry.getBytes(StandardCharsets.US_ASCII));
    assertThat(at).isPositive();
    edited[at] = (byte) (edited[at] == 'a' ? 'b' : 'a');
    JsonNode v = http.postBytes("/api/v1/archive/verify", "application/pdf", edited).json();
    assertThat(v.get("status").asString()).isEqualTo("tampered");
    assertThat(v.get("documentId").asString()).isEqualTo(issued.get("document").get("id").asString());
    assertThat(v.get("signature").get("valid").asBoolean()).isFalse();

    byte[] appended = Arrays.copyOf(pdf, pdf.length + 40);
    byte[] tail = "\n% a later incremental update\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(tail, 0, appended, pdf.length, tail.length);
    JsonNode after = http.postBytes("/api/v1/archive/verify", "application/pdf", appended).json();
    assertThat(after.get("status").asString()).isEqualTo("tampered");
    assertThat(after.get("signature").get("coversWholeFile").asBoolean()).isFalse();

    JsonNode wrongHash = http.postJson("/api/v1/archive/verify", Map.of(), Map.of("documentId",
        issued.get("document").get("id").asString(), "hash", "0".repeat(64))).json();
    assertThat(wrongHash.get("status").asString()).isEqualTo("tampered");
  }

  @Test
  void somethingTheHubNeverIssuedIsUnknown() {
    JsonNode notPdf = http.postBytes("/api/v1/archive/verify", "application/pdf",
        "%PDF-1.4 this is not really a PDF".getBytes(StandardCharsets.US_ASCII)).json();
    assertThat(notPdf.get("status").asString()).isEqualTo("unknown");
    JsonNode noSuchId = http.postJson("/api/v1/archive/verify", Map.of(), Map.of("documentId",
        "00000000-0000-4000-8000-000000000000", "hash", "0".repeat(64))).json();
    assertThat(noSuchId.get("status").asString()).isEqualTo("unknown");
  }

  @Test
  void aRevokedExtractVerifiesAsRevoked() {
    JsonNode other = lookup(citizen, "BR-2569-0302");
    JsonNode document = http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("requestId",
        other.get("requestId").asString(), "subjectId", citizen)).json().get("document");
    String id = document.get("id").asString();
    byte[] copy = http.get("/api/v1/archive/documents/" + id + "/pdf", OFFICER).bytes();

    var refused = http.postJson("/api/v1/archive/documents/" + id + "/revoke", OFFICER, Map.of("reason", "typo"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("role_required");
    var otherUnitHead = http.postJson("/api/v1/archive/documents/" + id + "/revoke",
        ArchiveHttpSupport.caller(DemoData.CONSUMER, "revenue", "head-9", "unit_head"), Map.of("reason", "typo"));
    assertThat(otherUnitHead.status()).isEqualTo(403);
    var revoked = http.postJson("/api/v1/archive/documents/" + id + "/revoke",
        ArchiveHttpSupport.caller(DemoData.CONSUMER, "registration", "head-1", "unit_head"),
        Map.of("reason", "issued for the wrong case"));
    assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
    assertThat(http.postJson("/api/v1/archive/documents/" + id + "/revoke", COMMITTEE, Map.of("reason", "again"))
        .code()).isEqualTo("invalid_state");

    JsonNode v = http.postBytes("/api/v1/archive/verify", "application/pdf", copy).json();
    assertThat(v.get("status").asString()).isEqualTo("revoked");
    assertThat(v.get("revocationReason").asString()).isEqualTo("issued for the wrong case");
    assertThat(v.get("ledgerEntryId").asString()).isEqualTo(document.get("ledgerEntryId").asString());
    String page = http.get("/archive/verify/" + id + "?hash=" + document.get("contentHash").asString(), Map.of())
        .text();
    assertThat(page).contains("เอกสารถูกเพิกถอนแล้ว", "issued for the wrong case");
  }

  @Test
  void onlyTheLookupsOwnOfficerMayCertifyAServedLookupOfThatSubject() {
    String entry = lookup.get("ledgerEntryId").asString();
    var otherOfficer = http.postJson("/api/v1/archive/extracts", ArchiveHttpSupport.caller(DemoData.CONSUMER,
        "registration", "officer-002", null), Map.of("ledgerEntryId", entry, "subjectId", citizen));
    assertThat(otherOfficer.status()).isEqualTo(403);
    assertThat(otherOfficer.code()).isEqualTo("not_lookup_officer");

    String someoneElse = registry.sampleCitizenIds(2).get(1);
    var wrongSubject = http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("ledgerEntryId", entry,
        "subjectId", someoneElse));
    assertThat(wrongSubject.status()).isEqualTo(400);
    assertThat(wrongSubject.code()).isEqualTo("subject_mismatch");

    var denied = http.postJson("/api/v1/exchange/" + DemoData.DATASET + "/lookup", OFFICER, Map.of("subjectId",
        citizen, "purpose", "marketing", "caseRef", "MK-1"));
    assertThat(denied.status()).isEqualTo(403);
    var notServed = http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("ledgerEntryId",
        denied.json().get("ledgerEntryId").asString(), "subjectId", citizen));
    assertThat(notServed.status()).isEqualTo(409);
    assertThat(notServed.code()).isEqualTo("lookup_not_certifiable");

    var issuingEntry = http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("ledgerEntryId",
        issued.get("document").get("ledgerEntryId").asString(), "subjectId", citizen));
    assertThat(issuingEntry.code()).isEqualTo("lookup_not_certifiable");

    assertThat(http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("subjectId", citizen)).code())
        .isEqualTo("invalid_request");
    assertThat(http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("ledgerEntryId",
        "00000000-0000-4000-8000-000000000000", "subjectId", citizen)).status()).isEqualTo(404);
    assertThat(http.postJson("/api/v1/archive/extracts", Map.of(), Map.of("ledgerEntryId", entry, "subjectId",
        citizen)).code()).isEqualTo("unauthenticated");
  }

  @Test
  void theCommitteeListsTheExtractsAboutASubjectByClearIdWhichIsNeverStored() {
    var refused = http.postJson("/api/v1/archive/extracts/by-subject", OFFICER, Map.of("subjectId", citizen));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("role_required");
    var listed = http.postJson("/api/v1/archive/extracts/by-subject", COMMITTEE, Map.of("subjectId", citizen));
    assertThat(listed.status()).isEqualTo(200);
    List<String> ids = listed.json().valueStream().map(d -> d.get("document").get("id").asString()).toList();
    assertThat(ids).contains(issued.get("document").get("id").asString());
    assertThat(listed.text()).doesNotContain(citizen);
    assertThat(http.postJson("/api/v1/archive/extracts/by-subject", COMMITTEE, Map.of("subjectId", "1234567890123"))
        .code()).isEqualTo("invalid_subject_id");
  }

  @Test
  void downloadsAreForTheIssuingAgencyAndTheCommittee() {
    String id = issued.get("document").get("id").asString();
    var stranger = http.get("/api/v1/archive/documents/" + id + "/pdf", ArchiveHttpSupport.caller("land-office",
        "registration", "officer-7", null));
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.code()).isEqualTo("role_required");
    assertThat(stranger.contentType()).startsWith("application/problem+json");
    assertThat(http.get("/api/v1/archive/documents/" + id + "/pdf", COMMITTEE).bytes()).isEqualTo(pdf);
    assertThat(http.get("/api/v1/archive/documents/" + id, OFFICER).json().get("document").get("fileHash").asString())
        .isEqualTo(DocumentArchiver.sha256(pdf));
    var retention = http.postJson("/api/v1/archive/retention/run", OFFICER, null);
    assertThat(retention.code()).isEqualTo("role_required");
    var run = http.postJson("/api/v1/archive/retention/run", ArchiveHttpSupport.caller("gdx-hub", "operations",
        "operator-1", "operator"), null);
    assertThat(run.status()).isEqualTo(200);
    assertThat(run.json().get("contentDeleted").asInt()).isZero();
  }

  @Test
  void theVerifyPageTheQrCodeOpensShowsTheResultAndNoPersonalData() {
    JsonNode document = issued.get("document");
    var page = http.get("/archive/verify/" + document.get("id").asString() + "?hash="
        + document.get("contentHash").asString(), Map.of());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.text()).contains("เอกสารถูกต้อง", "Valid", document.get("ledgerEntryId").asString(),
        document.get("reference").asString()).doesNotContain(citizen)
        .doesNotContain(lookup.get("record").get("first_name_th").asString()).doesNotContain("<script")
        .doesNotContain("http://", "https://");
    var upload = http.postMultipart("/archive/verify", "file", "extract.pdf", pdf);
    assertThat(upload.text()).contains("เอกสารถูกต้อง", "ถูกต้อง / valid");
    assertThat(http.get("/archive/verify/" + document.get("id").asString() + "?hash=" + "1".repeat(64), Map.of())
        .text()).contains("Tampered");
    assertThat(http.get("/archive/verify", Map.of()).text()).contains("multipart/form-data");
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
