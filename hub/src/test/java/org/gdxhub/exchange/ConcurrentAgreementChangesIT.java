package org.gdxhub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.exchange.internal.PolicyInputFactory;
import org.gdxhub.ledger.LedgerAuditService;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.testsupport.LoadDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 50 concurrent clients on one agreement (issue #10): owners approving the same access request,
 * amending and suspending/reinstating the same agreement, and officers looking up against it.
 * No lost update (optimistic locking on the agreement's version: a stale change is an RFC 9457
 * 409 {@code version_conflict}), the revisions are gap-free, and every ledgered decision was
 * taken against an agreement version that existed, with exactly that version's terms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentAgreementChangesIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final int AMENDERS = 40;
  static final int AMENDMENTS_EACH = 3;
  static final int TOGGLERS = 1;
  static final int LOOKUP_CLIENTS = 9;
  static final int APPROVERS = 10;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    String dataDir = Files.createTempDirectory("gdx-hub-concurrency-").toString();
    p.add("hub.data-dir", () -> dataDir);
    p.add("hub.security.rate-limit.lookups-per-minute", () -> "0");
  }

  @LocalServerPort
  int port;
  @Autowired
  AgreementService agreements;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  LedgerAuditService audit;
  @Autowired
  LedgerService ledger;

  final HttpClient http = HttpClient.newHttpClient();
  final Set<String> conflictProblems = ConcurrentHashMap.newKeySet();

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Test
  void concurrentOwnersLoseNoUpdateAndEveryDecisionSeesOneConsistentAgreementVersion() throws Exception {
    String steward = LoadDriver.demoToken(base(), "steward");
    String officer = LoadDriver.demoToken(base(), "officer");
    Agreement start = agreements.agreementForLookup(DemoData.CONSUMER, DemoData.DATASET,
        LocalDate.now(PolicyInputFactory.HUB_ZONE)).orElseThrow();
    String citizen = registry.sampleCitizenIds(1).getFirst();

    Set<String> applied = ConcurrentHashMap.newKeySet();
    AtomicInteger changes = new AtomicInteger();
    List<Integer> unexpected = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        LoadDriver lookups = new LoadDriver(base(), DemoData.DATASET, LOOKUP_CLIENTS, n -> """
            {"subjectId":"%s","purpose":"%s","caseRef":"BR-2569-%04d","cardPresent":true}"""
            .formatted(citizen, DemoData.PURPOSE, n % 10000), Duration.ofMillis(5)).withBearer(officer)) {
      List<Future<?>> owners = new ArrayList<>();
      for (int c = 0; c < AMENDERS; c++) {
        int client = c;
        owners.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < AMENDMENTS_EACH; i++) {
            String basis = "basis-" + client + "-" + i;
            changeWithRetry(steward, start.id(), "amend", "{\"addLegalBasis\":\"" + basis + "\"}", unexpected);
            applied.add(basis);
            changes.incrementAndGet();
          }
          return null;
        }));
      }
      for (int c = 0; c < TOGGLERS; c++) {
        owners.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < 3; i++) {
            changeWithRetry(steward, start.id(), "suspend", "", unexpected);
            changeWithRetry(steward, start.id(), "reinstate", "", unexpected);
            changes.addAndGet(2);
          }
          return null;
        }));
      }
      lookups.start();
      go.countDown();
      for (Future<?> f : owners) {
        f.get();
      }
      LoadDriver.Counts counts = lookups.stop();

      // No lost update: every acknowledged amendment is in the final agreement, each change one version.
      Agreement end = agreements.agreement(start.id()).orElseThrow();
      assertThat(unexpected).as("statuses other than 200 and 409").isEmpty();
      assertThat(end.legalBases()).containsAll(applied);
      assertThat(applied).hasSize(AMENDERS * AMENDMENTS_EACH);
      assertThat(end.version()).isEqualTo(start.version() + changes.get());
      assertThat(agreements.revisions(start.id())).containsExactlyElementsOf(
          java.util.stream.IntStream.rangeClosed(1, end.version()).boxed().toList());
      assertThat(conflictProblems).as("every 409 is an RFC 9457 version_conflict problem").isNotEmpty()
          .allMatch(p -> p.equals("application/problem+json version_conflict"));

      // Every lookup decided against one existing version, with exactly that version's terms.
      assertThat(counts.served()).isPositive();
      assertThat(counts.errors()).isZero();
      Map<Integer, JsonNode> revisions = new java.util.HashMap<>();
      jdbc.sql("select version, snapshot from agreement_revision where agreement_id = ?").param(start.id())
          .query((rs, n) -> revisions.put(rs.getInt(1), JSON.readTree(rs.getString(2)))).list();
      List<Map<String, Object>> decisions = jdbc.sql("""
          select e.id, e.agreement_version, e.decision, e.outcome, d.request_id from ledger_entry e
          join policy_decision d on d.ledger_entry_id = e.id
          where e.agreement_id = ? and d.engine <> 'input-validation'""").param(start.id()).query().listOfRows();
      assertThat(decisions).hasSizeGreaterThanOrEqualTo((int) (counts.served() + counts.denied()));
      Set<Integer> versionsSeen = new HashSet<>();
      for (Map<String, Object> d : decisions) {
        int version = ((Number) d.get("AGREEMENT_VERSION")).intValue();
        versionsSeen.add(version);
        // The policy input as decided, facts joined back in (ADR 0020).
        String input = ledger.decision((String) d.get("REQUEST_ID")).orElseThrow().inputJson();
        JsonNode used = JSON.readTree(input).get("agreement");
        JsonNode revision = revisions.get(version);
        assertThat(revision).as("ledger entry %s names version %d", d.get("ID"), version).isNotNull();
        assertThat(used.get("version").asInt()).isEqualTo(version);
        assertThat(used.get("status").asString()).isEqualTo(revision.get("status").asString());
        assertThat(used.get("legal_bases")).isEqualTo(revision.get("legalBases"));
        assertThat(used.get("purposes")).isEqualTo(revision.get("purposes"));
        if ("allow".equals(d.get("DECISION"))) {
          assertThat(revision.get("status").asString()).isEqualTo("approved");
        }
      }
      Set<String> ledgered = new HashSet<>(jdbc.sql("select id from ledger_entry").query(String.class).list());
      assertThat(ledgered).containsAll(counts.servedLedgerEntryIds());
      assertThat(versionsSeen).as("lookups ran while the agreement changed").hasSizeGreaterThan(1);
      assertThat(audit.verify().valid()).isTrue();
    }
  }

  @Test
  void concurrentApprovalsOfOneRequestMakeExactlyOneAgreement() throws Exception {
    String steward = LoadDriver.demoToken(base(), "steward");
    String officer = LoadDriver.demoToken(base(), "officer");
    var dataset = DemoData.HOUSE_REGISTRATION;
    HttpResponse<String> requested = post(officer, "/api/v1/access-requests", """
        {"datasetId":"%s","purpose":"concurrency-check","legalBasis":"%s","fields":["%s"],"unitOnly":true}"""
        .formatted(dataset.id(), dataset.legalBasis(), dataset.grantedFields().getFirst()));
    assertThat(requested.statusCode()).as(requested.body()).isIn(200, 201);
    String requestId = JSON.readTree(requested.body()).get("id").asString();

    CountDownLatch go = new CountDownLatch(1);
    List<HttpResponse<String>> answers = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < APPROVERS; c++) {
        pool.submit(() -> {
          go.await();
          answers.add(post(steward, "/api/v1/access-requests/" + requestId + "/approve", """
              {"validFrom":"2026-01-01","validUntil":"2030-12-31","onlineAccess":false}"""));
          return null;
        });
      }
      go.countDown();
    }
    assertThat(answers).hasSize(APPROVERS);
    assertThat(answers.stream().filter(r -> r.statusCode() / 100 == 2)).hasSize(1);
    for (HttpResponse<String> r : answers) {
      if (r.statusCode() / 100 != 2) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).get("code").asString()).isIn("invalid_state", "version_conflict");
      }
    }
    assertThat(jdbc.sql("select count(*) from agreement where request_id = ?").param(requestId).query(Long.class)
        .single()).isEqualTo(1);
  }

  /** Reads the current version and applies the change; on a 409 reads again and retries. */
  void changeWithRetry(String token, String agreementId, String action, String body, List<Integer> unexpected)
      throws Exception {
    for (int attempt = 0; attempt < 500; attempt++) {
      int version = agreements.agreement(agreementId).orElseThrow().version();
      HttpResponse<String> r = post(token, "/api/v1/agreements/" + agreementId + "/" + action + "?version=" + version,
          body.isEmpty() ? "{}" : body);
      if (r.statusCode() == 200) {
        return;
      }
      if (r.statusCode() == 409) {
        conflictProblems.add(r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "") + " "
            + JSON.readTree(r.body()).get("code").asString());
        continue;
      }
      unexpected.add(r.statusCode());
      throw new AssertionError(action + " answered " + r.statusCode() + ": " + r.body());
    }
    throw new AssertionError(action + " never got through after 500 conflicts");
  }

  HttpResponse<String> post(String token, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(base().resolve(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
