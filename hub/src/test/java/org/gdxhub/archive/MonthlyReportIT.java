package org.gdxhub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.gdxhub.archive.internal.DocumentArchiver;
import org.gdxhub.archive.internal.ReportCsv;
import org.gdxhub.demo.DemoData;
import org.gdxhub.ledger.LedgerAnomaly;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerStatistics;
import org.gdxhub.ledger.LedgerStatisticsService;
import org.gdxhub.security.Signatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The committee's monthly report and the unit heads' sign-off on a running hub (embedded
 * defaults: H2, Lucene) over a generated ledger of three months, with a clock the test sets:
 * the report's numbers (CSV, PDF text, JSON) equal the ledger statistics and anomaly services
 * for the month; the report is signed, archived and verifiable; the scheduled flow archives last
 * month's report once; the sign-off window, deadline, flagged and unsigned lists; roles; and (with
 * the same clock) that an extract is only issued for a lookup of the last hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthlyReportIT {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final Instant FROM = MONTH.atDay(1).atStartOfDay(GeneratedLedger.BANGKOK).toInstant();
  static final Instant TO = MONTH.plusMonths(1).atDay(1).atStartOfDay(GeneratedLedger.BANGKOK).toInstant();
  /** Noon in Bangkok on 2 November: October is over and its sign-off window is open. */
  static final Instant NOV_2 = Instant.parse("2026-11-02T05:00:00Z");
  static final GeneratedLedger.MutableClock CLOCK = new GeneratedLedger.MutableClock(NOV_2);

  static final Map<String, String> COMMITTEE = ArchiveHttpSupport.caller("governance-committee", "secretariat",
      "auditor-1", "committee");

  @TestConfiguration
  static class TestClock {
    @Bean
    @Primary
    Clock testClock() {
      return CLOCK;
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  org.gdxhub.security.TokenIssuer tokenIssuer;
  @Autowired
  LedgerIndex index;
  @Autowired
  LedgerStatisticsService statistics;
  @Autowired
  LedgerAnomalyService anomalies;
  @Autowired
  CamelContext camel;
  @Autowired
  ProducerTemplate producer;
  @Autowired
  org.gdxhub.connectors.PopulationRegistry registry;

  ArchiveHttpSupport http;
  List<LedgerEntry> generated;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    Path dataDir = Files.createTempDirectory("gdx-report-it-");
    properties.add("hub.data-dir", dataDir::toString);
    // Only the generated entries feed the index in this test.
    properties.add("hub.ledger.search.follow-interval", () -> "0s");
  }

  @BeforeAll
  void generateAMonth() {
    http = new ArchiveHttpSupport(port, tokenIssuer);
    generated = GeneratedLedger.around(MONTH);
    index.index(generated);
    index.refresh();
  }

  @BeforeEach
  void backToNovemberSecond() {
    CLOCK.set(NOV_2);
  }

  @Test
  void theReportsNumbersAreTheLedgerStatisticsOfTheMonth() throws Exception {
    var created = http.postJson("/api/v1/archive/reports?month=2026-10", COMMITTEE, null);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode document = created.json().get("document");
    assertThat(document.get("kind").asString()).isEqualTo("report");
    assertThat(document.get("period").asString()).isEqualTo("2026-10");
    byte[] csv = http.get(created.json().get("csv").asString(), COMMITTEE).bytes();
    byte[] pdf = http.get(created.json().get("pdf").asString(), COMMITTEE).bytes();
    PdfTestSupport.keepSample("report-2026-10.pdf", pdf);
    PdfTestSupport.keepSample("report-2026-10.csv", csv);

    LedgerStatistics s = statistics.statistics(FROM, TO, 5);
    LedgerStatistics trend = statistics.statistics(MONTH.minusMonths(11).atDay(1)
        .atStartOfDay(GeneratedLedger.BANGKOK).toInstant(), TO, 5);
    List<LedgerAnomaly> found = anomalies.anomalies(FROM, TO);
    // The statistics themselves count the generated month right.
    long inMonth = generated.stream().filter(e -> !e.recordedAt().isBefore(FROM) && e.recordedAt().isBefore(TO))
        .count();
    assertThat(s.totals().lookups()).isEqualTo(inMonth);
    assertThat(found).extracting(LedgerAnomaly::type).contains(LedgerAnomaly.OFF_HOURS,
        LedgerAnomaly.REPEATED_DENIALS, LedgerAnomaly.SUBJECT_MANY_UNITS);

    Map<String, String> cells = csvCells(csv);
    assertThat(cells).containsEntry("totals||||2026-10|lookups", String.valueOf(s.totals().lookups()))
        .containsEntry("totals||||2026-10|allowed", String.valueOf(s.totals().allowed()))
        .containsEntry("totals||||2026-10|denied", String.valueOf(s.totals().denied()))
        .containsEntry("totals||||2026-10|anomalies", String.valueOf(found.size()))
        .containsEntry("totals||||2026-10|officers",
            String.valueOf(s.perUnit().stream().mapToLong(LedgerStatistics.UnitTotal::officers).sum()))
        .containsEntry("totals||||2026-10|trend_monthly_average",
            String.format(java.util.Locale.ROOT, "%.2f", trend.totals().monthlyAverage()));
    for (LedgerStatistics.AgencyTotal a : s.perAgency()) {
      String agency = Objects.toString(a.agency(), "");
      assertThat(cells).containsEntry("agency|" + agency + "|||2026-10|lookups", String.valueOf(a.lookups()))
          .containsEntry("agency|" + agency + "|||2026-10|allowed", String.valueOf(a.allowed()))
          .containsEntry("agency|" + agency + "|||2026-10|denied", String.valueOf(a.denied()));
    }
    for (LedgerStatistics.UnitTotal u : s.perUnit()) {
      String key = "unit|" + Objects.toString(u.agency(), "") + "|" + Objects.toString(u.unit(), "") + "||2026-10|";
      assertThat(cells).containsEntry(key + "lookups", String.valueOf(u.lookups()))
          .containsEntry(key + "officers", String.valueOf(u.officers()));
    }
    for (int i = 0; i < s.topUnits().size(); i++) {
      LedgerStatistics.UnitTotal u = s.topUnits().get(i);
      assertThat(cells).containsEntry("top_units|" + u.agency() + "|" + u.unit() + "||2026-10|" + (i + 1),
          String.valueOf(u.lookups()));
    }
    for (int i = 0; i < s.bottomUnits().size(); i++) {
      LedgerStatistics.UnitTotal u = s.bottomUnits().get(i);
      assertThat(cells).containsEntry("bottom_units|" + Objects.toString(u.agency(), "") + "|"
          + Objects.toString(u.unit(), "") + "||2026-10|" + (i + 1), String.valueOf(u.lookups()));
    }
    assertThat(s.topUnits()).hasSize(5);
    for (LedgerStatistics.ReasonCount d : s.denialsByReason()) {
      assertThat(cells).containsEntry("denials||||2026-10|" + d.reason(), String.valueOf(d.denials()));
    }
    for (LedgerStatistics.AgencyMonth a : trend.perAgencyMonth()) {
      assertThat(cells).containsEntry("agency_month|" + Objects.toString(a.agency(), "") + "|||" + a.month() + "|lookups",
          String.valueOf(a.lookups()));
    }
    Map<String, Long> anomaliesByType = found.stream().collect(Collectors.groupingBy(LedgerAnomaly::type,
        Collectors.counting()));
    Map<String, Long> csvAnomalies = csvRows(csv).stream().filter(r -> r[0].equals("anomalies"))
        .collect(Collectors.groupingBy(r -> r[5], Collectors.counting()));
    assertThat(csvAnomalies).isEqualTo(anomaliesByType);
    long septemberTotal = trend.perAgencyMonth().stream().filter(a -> a.month().equals("2026-09"))
        .mapToLong(LedgerStatistics.AgencyMonth::lookups).sum();
    assertThat(septemberTotal).isPositive();
    assertThat(cells).containsEntry("trend||||2026-09|lookups", String.valueOf(septemberTotal))
        .containsEntry("trend||||2026-10|lookups", String.valueOf(s.totals().lookups()))
        .containsEntry("trend||||2026-01|lookups", "0");

    // The PDF prints the same numbers, in Thai, and carries the CSV it was made from.
    String text = PdfTestSupport.text(pdf);
    assertThat(text).contains("รายงานการใช้บริการแลกเปลี่ยนข้อมูลประจำเดือน", "ประจำเดือนตุลาคม พ.ศ. 2569 (2026-10)",
        "สำนักงานเขตบางรัก", "ฝ่ายทะเบียน", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม", "สูงสุด / Top", "ต่ำสุด / Bottom",
        "ส่วนงานที่ใช้บริการสูงสุด", "แนวโน้มรายเดือน", "ต.ค. 69", "purpose_not_in_agreement", "repeated_denials",
        "off_hours", "subject_many_units", "Lookups (allowed and denied) " + String.format("%,d", s.totals().lookups()));
    for (LedgerStatistics.UnitTotal u : s.topUnits()) {
      assertThat(text).contains(String.format("%,d", u.lookups()));
    }
    byte[] embedded = PdfTestSupport.embeddedFile(pdf, "report.csv");
    assertThat(embedded).isEqualTo(csv);
    assertThat(DocumentArchiver.sha256(csv)).isEqualTo(document.get("contentHash").asString());
    assertThat(text).contains(document.get("contentHash").asString());
    var certificate = Signatures.fromPem(http.get("/api/v1/archive/certificate", Map.of()).text()).getFirst();
    assertThat(PdfTestSupport.signature(pdf, certificate).cmsVerifies()).isTrue();
    assertThat(http.postBytes("/api/v1/archive/verify", "application/pdf", pdf).json().get("status").asString())
        .isEqualTo("valid");

    // The JSON preview is the same report.
    JsonNode preview = http.get("/api/v1/archive/reports/preview?month=2026-10", COMMITTEE).json();
    assertThat(preview.get("statistics").get("totals").get("lookups").asLong()).isEqualTo(s.totals().lookups());
    assertThat(preview.get("anomalies")).hasSize(found.size());
    assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith("\uFEFF" + ReportCsv.HEADER);
  }

  @Test
  void theScheduledFlowArchivesLastMonthsReportOnceItIsDue() throws Exception {
    AdviceWith.adviceWith(camel, "archive.monthly-report", route -> route.replaceFromWith("direct:monthly-report"));
    // Half an hour into October: September is over, but its report waits for generate-after (1h).
    CLOCK.set(Instant.parse("2026-09-30T17:30:00Z"));
    producer.sendBody("direct:monthly-report", null);
    assertThat(http.get("/api/v1/archive/reports?month=2026-09", COMMITTEE).json()).isEmpty();

    CLOCK.set(Instant.parse("2026-10-01T03:00:00Z"));
    producer.sendBody("direct:monthly-report", null);
    producer.sendBody("direct:monthly-report", null);
    JsonNode reports = http.get("/api/v1/archive/reports?month=2026-09", COMMITTEE).json();
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).get("document").get("officer").asString()).isEqualTo("hub-scheduler");
    byte[] csv = http.get(reports.get(0).get("csv").asString(), COMMITTEE).bytes();
    LedgerStatistics september = statistics.statistics(MONTH.minusMonths(1).atDay(1)
        .atStartOfDay(GeneratedLedger.BANGKOK).toInstant(), FROM, 5);
    assertThat(csvCells(csv)).containsEntry("totals||||2026-09|lookups", String.valueOf(september.totals().lookups()));
  }

  @Test
  void reportsAreForTheCommittee() {
    var officer = ArchiveHttpSupport.caller(DemoData.CONSUMER, "registration", "officer-001", "unit_head");
    for (var response : List.of(http.postJson("/api/v1/archive/reports?month=2026-10", officer, null),
        http.get("/api/v1/archive/reports", officer), http.get("/api/v1/archive/reports/preview?month=2026-10", officer),
        http.get("/api/v1/archive/sign-offs?month=2026-10", officer))) {
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.code()).isEqualTo("role_required");
    }
    assertThat(http.postJson("/api/v1/archive/reports?month=2026-13", COMMITTEE, null).code())
        .isEqualTo("invalid_request");
    assertThat(http.postJson("/api/v1/archive/reports?month=2027-01", COMMITTEE, null).code())
        .isEqualTo("invalid_request");
  }

  @Test
  void unitHeadsSignOffByTheFifthAndTheCommitteeSeesFlaggedAndUnsignedUnits() {
    var registrationHead = ArchiveHttpSupport.caller(GeneratedLedger.BANGRAK, "registration", "head-reg", "unit_head");
    var worksHead = ArchiveHttpSupport.caller(GeneratedLedger.BANGRAK, "public-works", "head-works", "unit_head");
    var policeHead = ArchiveHttpSupport.caller(GeneratedLedger.BANGRAK, "municipal-police", "head-police", "unit_head");
    LedgerStatistics s = statistics.statistics(FROM, TO, 5);
    long registrationLookups = s.perUnit().stream().filter(u -> "registration".equals(u.unit())
        && GeneratedLedger.BANGRAK.equals(u.agency())).findFirst().orElseThrow().lookups();

    var notHead = http.get("/api/v1/archive/sign-offs/unit?month=2026-10",
        ArchiveHttpSupport.caller(GeneratedLedger.BANGRAK, "registration", "officer-001", null));
    assertThat(notHead.code()).isEqualTo("role_required");

    JsonNode view = http.get("/api/v1/archive/sign-offs/unit?month=2026-10", registrationHead).json();
    assertThat(view.get("lookups").asLong()).isEqualTo(registrationLookups);
    assertThat(view.get("open").asBoolean()).isTrue();
    assertThat(view.get("deadline").asString()).isEqualTo("2026-11-05T17:00:00Z");
    assertThat(view.has("signOff")).isFalse();
    JsonNode revenue = http.get("/api/v1/archive/sign-offs/unit?month=2026-10",
        ArchiveHttpSupport.caller(GeneratedLedger.BANGRAK, "revenue", "head-rev", "unit_head")).json();
    assertThat(revenue.get("anomalies").valueStream().map(a -> a.get("type").asString()))
        .contains(LedgerAnomaly.OFF_HOURS);

    var attested = http.postJson("/api/v1/archive/sign-offs", registrationHead,
        Map.of("month", "2026-10", "status", "no_abnormality"));
    assertThat(attested.status()).as(attested.text()).isEqualTo(200);
    assertThat(attested.json().get("lookups").asLong()).isEqualTo(registrationLookups);
    assertThat(http.postJson("/api/v1/archive/sign-offs", worksHead, Map.of("month", "2026-10", "status", "flagged"))
        .code()).isEqualTo("invalid_request");
    assertThat(http.postJson("/api/v1/archive/sign-offs", worksHead, Map.of("month", "2026-10", "status", "flagged",
        "note", "officer-x looked up a subject also seen by two other sections")).status()).isEqualTo(200);
    assertThat(http.postJson("/api/v1/archive/sign-offs", worksHead, Map.of("month", "2026-10", "status", "maybe"))
        .status()).isEqualTo(400);

    JsonNode overview = http.get("/api/v1/archive/sign-offs?month=2026-10", COMMITTEE).json();
    assertThat(overview.get("deadlinePassed").asBoolean()).isFalse();
    Map<String, String> states = new HashMap<>();
    overview.get("units").forEach(u -> states.put(u.get("agency").asString() + "/" + u.get("unit").asString(),
        u.get("state").asString()));
    assertThat(states).containsEntry(GeneratedLedger.BANGRAK + "/registration", "attested")
        .containsEntry(GeneratedLedger.BANGRAK + "/public-works", "flagged")
        .containsEntry(GeneratedLedger.BANGRAK + "/revenue", "unsigned")
        .containsEntry(GeneratedLedger.LAND_OFFICE + "/registration", "unsigned")
        .hasSize(GeneratedLedger.BANGRAK_UNITS.size() + 1);
    assertThat(overview.get("flagged").valueStream().map(u -> u.get("unit").asString())).containsExactly("public-works");
    assertThat(overview.get("unsigned")).hasSize(GeneratedLedger.BANGRAK_UNITS.size() - 1);

    // After the 5th (Bangkok time) the window is closed and the unsigned units are overdue.
    CLOCK.set(Instant.parse("2026-11-05T17:00:00Z"));
    var late = http.postJson("/api/v1/archive/sign-offs", policeHead, Map.of("month", "2026-10",
        "status", "no_abnormality"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.code()).isEqualTo("sign_off_closed");
    JsonNode after = http.get("/api/v1/archive/sign-offs?month=2026-10", COMMITTEE).json();
    assertThat(after.get("deadlinePassed").asBoolean()).isTrue();
    assertThat(after.get("unsigned").valueStream().map(u -> u.get("state").asString())).containsOnly("overdue");
    assertThat(after.get("unsigned").valueStream().map(u -> u.get("unit").asString())).contains("municipal-police");

    // A month is signed off only once it is over.
    CLOCK.set(Instant.parse("2026-10-31T16:59:00Z"));
    assertThat(http.postJson("/api/v1/archive/sign-offs", policeHead, Map.of("month", "2026-10",
        "status", "no_abnormality")).code()).isEqualTo("sign_off_closed");
  }

  /** This context's clock also shows that an extract is only for a recent lookup (lookup-max-age, 1 h). */
  @Test
  void anExtractIsOnlyForALookupOfTheLastHour() {
    CLOCK.set(Instant.now());
    var officer = ArchiveHttpSupport.caller(DemoData.CONSUMER, "registration", "officer-001", null);
    String citizen = registry.sampleCitizenIds(1).getFirst();
    var served = http.postJson("/api/v1/exchange/" + DemoData.DATASET + "/lookup", officer, Map.of("subjectId",
        citizen, "purpose", DemoData.PURPOSE, "caseRef", "BR-2569-0401", "cardPresent", true));
    assertThat(served.status()).as(served.text()).isEqualTo(200);
    CLOCK.set(Instant.now().plus(java.time.Duration.ofMinutes(61)));
    var late = http.postJson("/api/v1/archive/extracts", officer, Map.of("ledgerEntryId",
        served.json().get("ledgerEntryId").asString(), "subjectId", citizen));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.code()).isEqualTo("lookup_not_certifiable");
    CLOCK.set(Instant.now().plus(java.time.Duration.ofMinutes(59)));
    assertThat(http.postJson("/api/v1/archive/extracts", officer, Map.of("ledgerEntryId",
        served.json().get("ledgerEntryId").asString(), "subjectId", citizen)).status()).isEqualTo(201);
  }

  /** CSV rows without the byte-order mark and header. */
  static List<String[]> csvRows(byte[] csv) {
    String text = new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "");
    return text.lines().skip(1).map(line -> line.split(",", -1)).toList();
  }

  /** section|agency|unit|officer|month|item → value. */
  static Map<String, String> csvCells(byte[] csv) {
    Map<String, String> cells = new HashMap<>();
    for (String[] row : csvRows(csv)) {
      cells.put(String.join("|", row[0], row[1], row[2], row[3], row[4], row[5]), row[6]);
    }
    return cells;
  }
}
