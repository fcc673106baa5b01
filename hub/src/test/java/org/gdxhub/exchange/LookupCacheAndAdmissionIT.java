package org.gdxhub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementStatus;
import org.gdxhub.catalog.CatalogSnapshotService;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetStatus;
import org.gdxhub.catalog.internal.JdbcAgreementStore;
import org.gdxhub.catalog.internal.JdbcCatalogStore;
import org.gdxhub.connectors.DemoSources;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.exchange.internal.PolicyInputFactory;
import org.gdxhub.testsupport.LoadDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lookup path's two protections of issue #9 (ADR 0017), over real HTTP on the embedded hub:
 * datasets and agreements come from memory, yet a change committed without this instance hearing
 * of it (as another instance's would be) binds the very next lookup; and admission control
 * answers the lookups beyond its limit {@code 503 overloaded} with {@code Retry-After}, serves
 * the ones it admitted, and ledgers nothing for the refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LookupCacheAndAdmissionIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final int ADMITTED = 3;
  static final Duration SOURCE_DELAY = Duration.ofMillis(1500);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    String dataDir = Files.createTempDirectory("gdx-hub-admission-").toString();
    p.add("hub.data-dir", () -> dataDir);
    p.add("hub.security.rate-limit.lookups-per-minute", () -> "0");
    p.add("hub.exchange.admission.max-concurrent", () -> String.valueOf(ADMITTED));
    p.add("hub.exchange.admission.max-wait", () -> "100ms");
    p.add("hub.exchange.admission.retry-after", () -> "2s");
    // A slow business registry keeps admitted lookups in flight long enough to fill the hub.
    p.add("hub.connectors.demo.servers.business-registry.delay", () -> SOURCE_DELAY.toMillis() + "ms");
  }

  @LocalServerPort
  int port;
  @Autowired
  CatalogSnapshotService snapshots;
  @Autowired
  JdbcAgreementStore agreementStore;
  @Autowired
  JdbcCatalogStore catalogStore;
  @Autowired
  TransactionTemplate transactions;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  DemoSources demoSources;
  @Autowired
  MeterRegistry meters;

  final HttpClient http = HttpClient.newHttpClient();

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Test
  void aChangeCommittedWithoutThisInstanceHearingOfItBindsTheNextLookup() throws Exception {
    String officer = LoadDriver.demoToken(base(), "officer");
    String citizen = registry.sampleCitizenIds(1).getFirst();
    String body = """
        {"subjectId":"%s","purpose":"%s","caseRef":"BR-2569-0001","cardPresent":true}"""
        .formatted(citizen, DemoData.PURPOSE);
    LocalDate today = LocalDate.now(PolicyInputFactory.HUB_ZONE);
    Agreement v = snapshots.current().agreementForLookup(DemoData.CONSUMER, DemoData.DATASET, today).orElseThrow();
    assertThat(snapshots.current()).as("unchanged catalog: one shared snapshot").isSameAs(snapshots.current());

    HttpResponse<String> served = lookup(officer, DemoData.DATASET, body);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(ledgeredAgreementVersion(served)).isEqualTo(v.version());

    // Another instance suspends the agreement: the same SQL through the store, no event here.
    Agreement suspended = v.nextVersion(v.purposes(), v.purposeFields(), v.legalBases(), v.validUntil(),
        AgreementStatus.SUSPENDED, v.onlineAccess(), v.dailyQuota());
    transactions.executeWithoutResult(tx ->
        assertThat(agreementStore.updateAgreement(suspended, v.version(), "steward-other-instance", Instant.now()))
            .isTrue());
    HttpResponse<String> denied = lookup(officer, DemoData.DATASET, body);
    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
    assertThat(reasonCodes(denied)).contains("agreement_not_approved");
    assertThat(ledgeredAgreementVersion(denied)).isEqualTo(suspended.version());

    // ... and reinstates it: served again, under the newest version.
    Agreement reinstated = suspended.nextVersion(v.purposes(), v.purposeFields(), v.legalBases(), v.validUntil(),
        AgreementStatus.APPROVED, v.onlineAccess(), v.dailyQuota());
    transactions.executeWithoutResult(tx ->
        agreementStore.updateAgreement(reinstated, suspended.version(), "steward-other-instance", Instant.now()));
    HttpResponse<String> again = lookup(officer, DemoData.DATASET, body);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(ledgeredAgreementVersion(again)).isEqualTo(reinstated.version());

    // Another instance retires the dataset: the next lookup sees it retired.
    Dataset dataset = snapshots.current().dataset(DemoData.DATASET).orElseThrow();
    transactions.executeWithoutResult(tx -> assertThat(catalogStore.updateStatus(dataset.id(), dataset.version(),
        DatasetStatus.RETIRED, Instant.now())).isTrue());
    HttpResponse<String> retired = lookup(officer, DemoData.DATASET, body);
    assertThat(retired.statusCode()).as(retired.body()).isEqualTo(403);
    assertThat(reasonCodes(retired)).contains("dataset_not_published");
  }

  @Test
  void lookupsBeyondTheAdmissionLimitAreRefusedWith503AndRetryAfterAndTheAdmittedOnesAreServed() throws Exception {
    String officer = LoadDriver.demoToken(base(), "officer");
    String company = demoSources.juristicIds().getFirst();
    String body = """
        {"subjectId":"%s","subjectType":"juristic_id","purpose":"%s","caseRef":"BR-2569-0002"}"""
        .formatted(company, DemoData.TRADE_PURPOSE);
    String dataset = DemoData.COMPANY_CERTIFICATE.id();
    // Warm the path (connector pool, policy instance) with one lookup, admitted alone.
    HttpResponse<String> warm = lookup(officer, dataset, body);
    assertThat(warm.statusCode()).as(warm.body()).isEqualTo(200);
    double refusedBefore = meters.counter("gdx.exchange.admission.refused").count();
    long entriesBefore = ledgerEntries(dataset);

    int clients = 12;
    CountDownLatch go = new CountDownLatch(1);
    List<Timed> answers = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        pool.submit(() -> {
          go.await();
          long started = System.nanoTime();
          HttpResponse<String> r = lookup(officer, dataset, body);
          answers.add(new Timed(r, Duration.ofNanos(System.nanoTime() - started)));
          return null;
        });
      }
      go.countDown();
    }
    assertThat(answers).hasSize(clients);
    List<Timed> served = answers.stream().filter(t -> t.response().statusCode() == 200).toList();
    List<Timed> refused = answers.stream().filter(t -> t.response().statusCode() == 503).toList();
    assertThat(served.size() + refused.size()).as("only 200 and 503: %s", answers).isEqualTo(clients);
    // At most ADMITTED at once: the first wave is served (each takes the source's delay), the rest
    // waited 100 ms for a place and were refused long before the first answer came back.
    assertThat(served).hasSizeBetween(ADMITTED, 2 * ADMITTED);
    assertThat(refused).hasSizeGreaterThanOrEqualTo(clients - 2 * ADMITTED);
    for (Timed t : served) {
      assertThat(t.elapsed()).isGreaterThanOrEqualTo(SOURCE_DELAY);
      JsonNode answer = JSON.readTree(t.response().body());
      assertThat(answer.get("record").get("juristic_id").asString()).isEqualTo(company);
    }
    for (Timed t : refused) {
      HttpResponse<String> r = t.response();
      assertThat(t.elapsed()).isLessThan(SOURCE_DELAY);
      assertThat(r.headers().firstValue("Retry-After")).contains("2");
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      JsonNode problem = JSON.readTree(r.body());
      assertThat(problem.get("code").asString()).isEqualTo("overloaded");
      assertThat(problem.get("status").asInt()).isEqualTo(503);
      assertThat(problem.get("type").asString()).isEqualTo("urn:gdxhub:problem:overloaded");
      assertThat(problem.has("record")).isFalse();
      assertThat(problem.has("ledgerEntryId")).as("refused at the door: nothing decided, nothing ledgered").isFalse();
    }
    // Every served lookup has its ledger entry; the refused ones have none.
    assertThat(ledgerEntries(dataset) - entriesBefore).isEqualTo(served.size());
    assertThat(meters.counter("gdx.exchange.admission.refused").count() - refusedBefore).isEqualTo(refused.size());

    // The places are given back: the next lookup is admitted and served.
    HttpResponse<String> after = lookup(officer, dataset, body);
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
  }

  record Timed(HttpResponse<String> response, Duration elapsed) {}

  long ledgerEntries(String dataset) {
    return jdbc.sql("select count(*) from ledger_entry where dataset_id = ?").param(dataset).query(Long.class).single();
  }

  int ledgeredAgreementVersion(HttpResponse<String> r) throws Exception {
    String entryId = JSON.readTree(r.body()).get("ledgerEntryId").asString();
    return jdbc.sql("select agreement_version from ledger_entry where id = ?").param(entryId).query(Integer.class)
        .single();
  }

  static List<String> reasonCodes(HttpResponse<String> r) {
    List<String> codes = new ArrayList<>();
    JSON.readTree(r.body()).get("reasons").forEach(reason -> codes.add(reason.get("code").asString()));
    return codes;
  }

  HttpResponse<String> lookup(String token, String dataset, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(base().resolve("/api/v1/exchange/" + dataset + "/lookup"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
