package org.gdxhub.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;

import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real headless Chromium (the Debian package, driven by Playwright; no browser
 * is ever downloaded) against the hub on its embedded defaults: the main journey across roles
 * (owner registers and publishes a dataset, a consuming officer asks for access, the owner
 * approves, the officer looks a citizen up and prints the certified extract, the committee finds
 * the entries in the ledger and sees them counted in the statistics), the th/en switch with a
 * Buddhist Era date, a tablet-width render, and the console's role checks, session and CSRF.
 * Every page is screenshotted to {@code target/console-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleJourneyIT {

  static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-console-it-").toString();
    properties.add("hub.data-dir", () -> dataDir);
    properties.add("hub.ledger.search.follow-interval", () -> "1s");
  }

  @LocalServerPort
  int port;
  @Autowired
  PopulationRegistry registry;

  Playwright playwright;
  Browser browser;
  Path screenshots;
  final String dataset = "console-civil-" + Long.toString(System.nanoTime() % 100_000, 36);
  String requestId;
  String ledgerEntryId;

  @BeforeAll
  void startBrowser() throws IOException {
    String bin = System.getProperty("gdx.chromium.bin", "/usr/bin/chromium");
    if (!Files.isExecutable(Paths.get(bin))) {
      throw new IllegalStateException("Chromium not found at " + bin + ": bin/test installs the Debian chromium "
          + "package (gdx_ensure_chromium) and passes -Dgdx.chromium.bin");
    }
    screenshots = Paths.get(System.getProperty("gdx.console.screenshots", "target/console-screenshots"));
    Files.createDirectories(screenshots);
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get(bin)).setHeadless(true).setArgs(CHROMIUM_ARGS));
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  BrowserContext context(int width, int height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
        .setAcceptDownloads(true));
    context.setDefaultTimeout(20_000);
    return context;
  }

  /** Signs in as a demo user through the console's form. */
  Page signIn(BrowserContext context, String user) {
    Page page = context.newPage();
    page.navigate(url("/console/login"));
    page.selectOption("#username", user);
    page.click("#sign-in");
    page.waitForURL(Pattern.compile(".*/console/(owner|agency|committee)/.*"));
    return page;
  }

  void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + ".png")).setFullPage(true));
  }

  @Test
  @Order(1)
  void ownerRegistersAndPublishesADatasetWithItsFields() {
    try (BrowserContext owner = context(1280, 800)) {
      Page page = signIn(owner, "steward");
      assertThat(page).hasURL(Pattern.compile(".*/console/owner/datasets"));
      assertThat(page.locator("html")).hasAttribute("lang", "th");
      page.fill("#ds-id", dataset);
      page.fill("#ds-title-th", "ทะเบียนราษฎร (ทดสอบคอนโซล)");
      page.fill("#ds-title-en", "Civil registration (console test)");
      page.selectOption("#ds-classification", "personal");
      page.fill("#ds-legal", DemoData.LEGAL_BASIS);
      page.fill("#ds-connector", DemoData.CONNECTOR);
      String[][] fields = {{"citizen_id", "เลขประจำตัวประชาชน", "Citizen ID"}, {"first_name_th", "ชื่อ", "First name"},
          {"last_name_th", "ชื่อสกุล", "Last name"}, {"birth_date", "วันเกิด", "Birth date"}};
      // Three rows are there; the fourth comes from the server through htmx.
      page.click("#add-field");
      assertThat(page.locator("#field-rows .field-row")).hasCount(4);
      for (int i = 0; i < fields.length; i++) {
        page.fill("#f-name-" + i, fields[i][0]);
        page.fill("#f-th-" + i, fields[i][1]);
        page.fill("#f-en-" + i, fields[i][2]);
        page.check("#f-personal-" + i);
      }
      shot(page, "01-owner-register-form");
      page.click("#register");
      assertThat(page.locator(".notice")).containsText(dataset);
      assertThat(page.locator("#dataset-" + dataset)).containsText("ฉบับร่าง");
      page.click("#publish-" + dataset);
      assertThat(page.locator("#dataset-" + dataset)).containsText("เผยแพร่");
      assertThat(page.locator("#dataset-" + dataset)).containsText("birth_date");
      shot(page, "02-owner-datasets");
    }
  }

  @Test
  @Order(2)
  void consumerFindsItInTheCatalogAndRequestsAccess() {
    try (BrowserContext consumer = context(1280, 800)) {
      Page page = signIn(consumer, "officer");
      page.navigate(url("/console/agency/catalog?lang=en"));
      page.fill("#c-q", "console test");
      page.selectOption("#c-class", "personal");
      page.click("#catalog-search button[type=submit]");
      assertThat(page.locator("#catalog-" + dataset)).isVisible();
      shot(page, "03-agency-catalog");
      page.click("#catalog-" + dataset + " a");
      page.fill("#r-purpose", DemoData.PURPOSE);
      assertThat(page.locator("#r-legal")).hasValue(DemoData.LEGAL_BASIS);
      shot(page, "04-agency-request-access");
      page.click("#request-submit");
      assertThat(page).hasURL(Pattern.compile(".*/console/agency/agreements"));
      var row = page.locator("#my-requests tbody tr", new Page.LocatorOptions().setHasText(dataset));
      assertThat(row).containsText("Pending");
      requestId = row.getAttribute("id").substring("my-request-".length());
      shot(page, "05-agency-agreements-pending");
    }
  }

  @Test
  @Order(3)
  void ownerApprovesTheRequestWithDatesAndFields() {
    try (BrowserContext owner = context(1280, 800)) {
      Page page = signIn(owner, "steward");
      page.navigate(url("/console/owner/requests?lang=en"));
      var card = page.locator("#request-" + requestId);
      assertThat(card).containsText(DemoData.CONSUMER);
      // Grant all but the birth date.
      card.locator("input[name=fields][value=birth_date]").uncheck();
      shot(page, "06-owner-requests");
      page.click("#approve-" + requestId);
      assertThat(page.locator(".notice")).containsText("Approved");
      page.navigate(url("/console/owner/agreements"));
      assertThat(page.locator("#agreements")).containsText(dataset);
      // An MOU-style amendment: a further legal basis; the agreement moves to version 2.
      var amend = page.locator("details", new Page.LocatorOptions().setHasText(dataset));
      amend.locator("summary").click();
      amend.locator("input[name=addLegalBasis]").fill("Local Government Act B.E. 2542");
      amend.locator("button[id^=amend-submit-]").click();
      assertThat(page.locator(".notice")).containsText("v2");
      shot(page, "07-owner-agreements");
    }
  }

  @Test
  @Order(4)
  void consumerLooksUpWithTheCheckDigitCheckedAsTypedAndPrintsTheCertifiedExtract() throws IOException {
    String citizen = registry.sampleCitizenIds(1).getFirst();
    String wrongCheckDigit = citizen.substring(0, 12) + ((citizen.charAt(12) - '0' + 1) % 10);
    try (BrowserContext consumer = context(1280, 800)) {
      Page page = signIn(consumer, "officer");
      page.navigate(url("/console/agency/lookup?lang=en"));
      var agreement = page.locator("#l-agreement option", new Page.LocatorOptions().setHasText(dataset));
      page.selectOption("#l-agreement", agreement.getAttribute("value"));
      page.locator("#l-subject").pressSequentially(citizen.substring(0, 6));
      assertThat(page.locator("#l-subject-status")).hasText("Keep typing: 13 digits.");
      page.fill("#l-subject", wrongCheckDigit);
      assertThat(page.locator("#l-subject-status")).hasClass("invalid");
      assertThat(page.locator("#l-subject")).hasAttribute("aria-invalid", "true");
      shot(page, "08-agency-lookup-invalid-check-digit");
      page.fill("#l-subject", "");
      page.locator("#l-subject").pressSequentially(citizen);
      assertThat(page.locator("#l-subject-status")).hasClass("valid");
      page.fill("#l-purpose", DemoData.PURPOSE);
      page.fill("#l-legal", DemoData.LEGAL_BASIS);
      page.fill("#l-case", "CONSOLE-2569-0001");
      page.check("#l-card");
      shot(page, "09-agency-lookup-form");
      page.click("#lookup-submit");
      assertThat(page.locator("#released")).isVisible();
      assertThat(page.locator("#released tr[data-field=citizen_id] td")).hasText(citizen);
      assertThat(page.locator("#released tr[data-field=first_name_th]")).hasCount(1);
      // The owner did not grant the birth date.
      assertThat(page.locator("#released tr[data-field=birth_date]")).hasCount(0);
      ledgerEntryId = page.locator("#ledger-entry-id").textContent().strip();
      shot(page, "10-agency-lookup-result");

      Download download = page.waitForDownload(() -> page.click("#print-extract"));
      byte[] pdf = Files.readAllBytes(download.path());
      assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      assertThat(download.suggestedFilename()).endsWith(".pdf");
      Files.write(screenshots.resolve("11-certified-extract.pdf"), pdf);
    }
  }

  @Test
  @Order(5)
  void committeeFindsTheEntriesInTheLedgerAndSeesThemCountedInTheStatistics() {
    try (BrowserContext committee = context(1280, 800)) {
      Page page = signIn(committee, "committee");
      page.navigate(url("/console/committee/ledger?lang=en"));
      page.fill("#s-dataset", dataset);
      // The index follows the ledger within about a second: search again until both entries show.
      long deadline = System.currentTimeMillis() + 20_000;
      do {
        page.click("#search-submit");
        page.waitForTimeout(500);
      } while (!page.locator("#ledger-total").textContent().startsWith("2 ") && System.currentTimeMillis() < deadline);
      assertThat(page.locator("#ledger-total")).hasText("2 entries");
      assertThat(page.locator("tr[data-entry='" + ledgerEntryId + "']")).containsText("served");
      assertThat(page.locator("table.entries")).containsText("extract_issued");
      shot(page, "12-committee-ledger-search");

      page.click("tr[data-entry='" + ledgerEntryId + "'] a");
      assertThat(page.locator("#entry-facts")).containsText("CONSOLE-2569-0001");
      page.click("#verify-chain");
      assertThat(page.locator("#verification")).containsText("intact");
      shot(page, "13-committee-entry-verified");

      page.navigate(url("/console/committee/statistics"));
      var row = page.locator("#dataset-totals tr[data-dataset='" + dataset + "'] td");
      assertThat(row.nth(1)).hasText("2");
      assertThat(page.locator("body")).hasAttribute("data-charts", "drawn");
      shot(page, "14-committee-statistics");

      page.navigate(url("/console/committee/reports"));
      Download report = page.waitForDownload(() -> page.click("#report-download"));
      assertThat(report.suggestedFilename()).endsWith(".pdf");
      try {
        byte[] pdf = Files.readAllBytes(report.path());
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }

      for (String path : List.of("anomalies", "recertification", "replay", "reports", "verify")) {
        Response response = page.navigate(url("/console/committee/" + path));
        assertThat(response.status()).as(path).isEqualTo(200);
        shot(page, "15-committee-" + path);
      }
    }
  }

  @Test
  @Order(6)
  void ownerSeesWhoUsedTheDataAndTheUnitHeadSeesTheMonth() {
    try (BrowserContext owner = context(1280, 800)) {
      Page page = signIn(owner, "steward");
      page.navigate(url("/console/owner/usage?lang=en&dataset=" + dataset));
      assertThat(page.locator("main")).containsText("2 entries");
      assertThat(page.locator("table.entries")).containsText(DemoData.CONSUMER);
      shot(page, "21-owner-usage");
      // Another agency's dataset is refused.
      assertThat(page.navigate(url("/console/owner/usage?dataset=company-certificate")).status()).isEqualTo(403);
    }
    try (BrowserContext head = context(1280, 800)) {
      Page page = signIn(head, "unit-head");
      String month = java.time.YearMonth.now(ZoneId.of("Asia/Bangkok")).toString();
      page.navigate(url("/console/agency/usage?lang=en&month=" + month));
      assertThat(page.locator("#unit-lookups")).hasText("2");
      shot(page, "22-unit-head-usage");
    }
  }

  @Test
  @Order(7)
  void thaiAndEnglishWithBuddhistEraDates() {
    try (BrowserContext committee = context(1280, 800)) {
      Page page = signIn(committee, "committee");
      page.navigate(url("/console/committee/statistics?lang=th"));
      int year = LocalDate.now(ZoneId.of("Asia/Bangkok")).getYear();
      assertThat(page.locator("html")).hasAttribute("lang", "th");
      assertThat(page.locator("h1")).hasText("สถิติการใช้งาน");
      assertThat(page.locator("#stats-range")).containsText("พ.ศ. " + (year + 543));
      shot(page, "16-committee-statistics-th");
      page.click("#lang-en");
      assertThat(page.locator("html")).hasAttribute("lang", "en");
      assertThat(page.locator("h1")).hasText("Usage statistics");
      assertThat(page.locator("#stats-range")).containsText(String.valueOf(year));
      assertThat(page.locator("#stats-range")).not().containsText("พ.ศ.");
      // The choice is kept in a cookie.
      page.navigate(url("/console/committee/ledger"));
      assertThat(page.locator("h1")).hasText("Ledger search");
    }
  }

  @Test
  @Order(8)
  void rendersAtTabletWidth() {
    try (BrowserContext tablet = context(820, 1180)) {
      Page page = signIn(tablet, "officer");
      shot(page, "17-tablet-agency-catalog");
      assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(820);
      page.navigate(url("/console/agency/lookup"));
      assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(820);
      shot(page, "18-tablet-agency-lookup");
    }
    try (BrowserContext tablet = context(820, 1180)) {
      Page page = signIn(tablet, "committee");
      page.navigate(url("/console/committee/statistics"));
      assertThat(page.locator("body")).hasAttribute("data-charts", "drawn");
      shot(page, "19-tablet-committee-statistics");
    }
  }

  @Test
  @Order(9)
  void everyPageChecksTheRoleTheSessionAndTheCsrfToken() {
    try (BrowserContext anonymous = context(1280, 800)) {
      Page page = anonymous.newPage();
      page.navigate(url("/console/agency/lookup"));
      assertThat(page).hasURL(Pattern.compile(".*/console/login"));
      shot(page, "00-login");
      // Assets are public and served by the hub itself.
      assertThat(page.request().get(url("/console/assets/lib/htmx.org/2.0.4/dist/htmx.min.js")).status())
          .isEqualTo(200);
      assertThat(page.request().get(url("/console/assets/lib/chart.js/4.4.1/dist/chart.umd.js")).status())
          .isEqualTo(200);
    }
    try (BrowserContext officer = context(1280, 800)) {
      Page page = signIn(officer, "officer");
      for (String path : List.of("/console/committee/ledger", "/console/committee/statistics",
          "/console/owner/datasets", "/console/owner/requests", "/console/agency/usage")) {
        Response response = page.navigate(url(path));
        assertThat(response.status()).as(path).isEqualTo(403);
      }
      assertThat(page.locator("h1")).isVisible();
      shot(page, "20-denied");
      // A form post without the CSRF token is refused, with the session cookie and all.
      var post = page.request().post(url("/console/agency/catalog/" + DemoData.DATASET + "/request"),
          RequestOptions.create().setForm(com.microsoft.playwright.options.FormData.create()
              .set("purpose", "x").set("legalBasis", "y").set("fields", "citizen_id")));
      assertThat(post.status()).isEqualTo(403);
      var headers = page.navigate(url("/console/agency/catalog")).allHeaders();
      assertThat(headers.get("content-security-policy")).contains("script-src 'self'");
      assertThat(headers.get("x-frame-options")).isEqualTo("DENY");
    }
    try (BrowserContext steward = context(1280, 800)) {
      Page page = signIn(steward, "business-steward");
      // Another owner's agency sees neither the demo owner's datasets nor their requests.
      page.navigate(url("/console/owner/datasets"));
      assertThat(page.locator("#datasets")).not().containsText(dataset);
      page.navigate(url("/console/owner/requests"));
      assertThat(page.locator("main")).not().containsText(requestId);
      assertThat(page.navigate(url("/console/agency/catalog")).status()).isEqualTo(403);
    }
  }
}
