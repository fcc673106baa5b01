package org.gdxhub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gdxhub.ledger.LedgerReindexService;
import org.gdxhub.testsupport.ElasticsearchServer;
import org.gdxhub.testsupport.FreePorts;
import org.gdxhub.testsupport.KafkaServer;
import org.gdxhub.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two hub instances as separate JVMs ({@code java -jar target/gdx-hub-exec.jar}, built by the
 * package phase) on loopback, sharing one real PostgreSQL (system of record), one Kafka broker
 * (ledger topic, index consumer group) and one Elasticsearch (ledger index), and one keystore
 * file (the token issuer's, pseudonym and signing keys; ADR 0014). Lookups are load-balanced
 * round-robin from several client threads; one instance is killed with SIGKILL mid-load and the
 * clients go on against the survivor. Then: every lookup answered 200 has its ledger entry (by
 * request id), the chain and its checkpoints verify, the index holds exactly the ledger's
 * entries, and no scheduled job ran on both instances at once (each run is logged with its start
 * and end by {@link SingletonJobs}; the monthly report exists once). The instances' logs are
 * kept in {@code target/two-hub-instances/}.
 */
class TwoHubInstancesIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path JAR = Path.of("target/gdx-hub-exec.jar");
  private static final Path LOGS = Path.of("target/two-hub-instances");
  private static final String ES_INDEX = "gdx-two-instances";
  private static final Set<String> JOBS = Set.of("ledger-checkpointer", LedgerReindexService.FOLLOW_JOB,
      "archive.monthly-report", "archive.retention", "events.purge-deliveries");
  private static final Pattern JOB_RUN = Pattern.compile("job (\\S+) ran on (\\S+) from (\\S+) to (\\S+)");
  private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"");
  private static final int CLIENTS = 4;
  private static final int LOOKUPS_PER_PHASE = 150;
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<Hub> hubs = new ArrayList<>();
  private static String jdbcUrl;
  private static String dbUser;
  private static ElasticsearchServer elasticsearch;

  record Hub(String name, int port, Process process, Path log) {
    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  record Result(String hub, int status, String requestId) {}

  @BeforeAll
  static void startEnginesAndTheFirstHub() throws Exception {
    assertThat(JAR).as("the runnable jar (built by the package phase, before failsafe)").isRegularFile();
    PostgresServer postgres = PostgresServer.shared();
    jdbcUrl = postgres.createDatabase("gdx_two_instances");
    dbUser = postgres.username();
    KafkaServer kafka = KafkaServer.shared();
    elasticsearch = ElasticsearchServer.shared();
    Files.createDirectories(LOGS);
    Path work = Files.createTempDirectory("gdx-two-hubs-");
    Path shared = work.resolve("shared");

    // The first instance migrates the schema, seeds the demo catalog and creates the shared keys;
    // the second starts once it is ready (what a rolling Deployment does as well).
    hubs.add(start("hub-a", work, shared, kafka));
    awaitReady(hubs.get(0));
    // Create the keys the instances share before the second one starts: the local issuer's (a
    // token), the pseudonym key (a lookup), the checkpoint signing key (a checkpoint).
    String officer = token(hubs.get(0), "officer");
    assertThat(lookup(hubs.get(0), officer, 0).statusCode()).isEqualTo(200);
    HttpResponse<String> checkpoint = http.send(HttpRequest.newBuilder(URI.create(hubs.get(0).url()
        + "/api/v1/ledger/checkpoints")).header("Authorization", "Bearer " + token(hubs.get(0), "auditor"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(checkpoint.statusCode()).as(checkpoint.body()).isLessThan(300);
    awaitLog(hubs.get(0), "job archive.monthly-report ran on hub-a", Duration.ofSeconds(120));
    hubs.add(start("hub-b", work, shared, kafka));
    awaitReady(hubs.get(1));
  }

  @AfterAll
  static void stopHubs() {
    for (Hub hub : hubs) {
      hub.process().destroy();
    }
    for (Hub hub : hubs) {
      try {
        if (!hub.process().waitFor(30, TimeUnit.SECONDS)) {
          hub.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void twoInstancesShareOneLedgerAndSurviveTheLossOfOne() throws Exception {
    Hub a = hubs.get(0);
    Hub b = hubs.get(1);
    // Tokens from one instance are accepted by the other: one shared issuer key.
    String officer = token(a, "officer");
    String auditor = token(b, "auditor");

    Queue results = new Queue();
    List<Hub> live = new CopyOnWriteArrayList<>(hubs);
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.submit(() -> {
        while (!stop.get()) {
          int n = next.getAndIncrement();
          List<Hub> targets = live;
          Hub target = targets.get(Math.floorMod(n, targets.size()));
          try {
            HttpResponse<String> r = lookup(target, officer, n);
            Matcher id = REQUEST_ID.matcher(r.body());
            results.add(new Result(target.name(), r.statusCode(), id.find() ? id.group(1) : null));
          } catch (IOException e) {
            // The load balancer's health check: a hub that is gone leaves the rotation.
            results.add(new Result(target.name(), -1, null));
            if (!target.process().isAlive()) {
              live.remove(target);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
    }

    long t0 = System.nanoTime();
    results.awaitOk(LOOKUPS_PER_PHASE, PHASE_LIMIT);
    long beforeKill = System.nanoTime() - t0;
    assertThat(results.okBy(a.name())).as("lookups served by %s before the kill", a.name()).isPositive();
    assertThat(results.okBy(b.name())).as("lookups served by %s before the kill", b.name()).isPositive();
    a.process().destroyForcibly(); // kill -9, mid-load: open transactions and held locks die with it
    assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    int okAtKill = results.ok();
    long t1 = System.nanoTime();
    results.awaitOk(okAtKill + LOOKUPS_PER_PHASE, PHASE_LIMIT);
    long afterKill = System.nanoTime() - t1;
    stop.set(true);
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    List<Result> all = results.all();
    List<Result> ok = all.stream().filter(r -> r.status() == 200).toList();
    long failed = all.stream().filter(r -> r.status() == -1).count();
    assertThat(all).as("every lookup answered 200 or lost its connection to the killed hub")
        .allMatch(r -> r.status() == 200 || (r.status() == -1 && r.hub().equals(a.name())));
    assertThat(results.okBy(b.name())).isGreaterThan(LOOKUPS_PER_PHASE / 2);

    // Every served lookup has its ledger entry; lookups cut off by the kill may have one or not.
    Set<String> ledgered = new HashSet<>();
    long served;
    try (Connection db = db()) {
      try (ResultSet rs = db.createStatement().executeQuery("select request_id from ledger_entry")) {
        while (rs.next()) {
          ledgered.add(rs.getString(1));
        }
      }
      served = count(db, "select count(*) from ledger_entry where outcome = 'served'");
      // One chain: seq 1..n with no gap, whichever instance appended.
      assertThat(count(db, "select count(*) from ledger_entry")).isEqualTo(count(db, "select max(seq) from ledger_entry"));
      assertThat(count(db, "select max(last_seq) from ledger_head")).isEqualTo(count(db, "select max(seq) from ledger_entry"));
    }
    assertThat(ok).allSatisfy(r -> assertThat(ledgered).contains(r.requestId()));
    // + 1: the lookup made before the load
    assertThat(served).isBetween((long) ok.size() + 1, ok.size() + 1 + failed);

    // The chain and its signed checkpoints verify (on the survivor, with a token the dead hub issued).
    HttpResponse<String> verify = http.send(HttpRequest.newBuilder(URI.create(b.url() + "/api/v1/ledger/verify"))
        .header("Authorization", "Bearer " + auditor).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
    JsonNode verification = JSON.readTree(verify.body());
    assertThat(verification.get("valid").asBoolean()).as(verify.body()).isTrue();
    assertThat(verification.get("entriesChecked").asLong()).isEqualTo(ledgered.size());
    assertThat(verification.get("checkpointsChecked").asLong()).isPositive();

    // The index catches up (Kafka consumer group, then the follow job) and holds every entry once.
    long ledgerCount = ledgered.size();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long indexed = -1;
    while (System.nanoTime() < deadline && indexed != ledgerCount) {
      Thread.sleep(1000);
      indexed = indexCount();
    }
    assertThat(indexed).as("entries in Elasticsearch index %s", ES_INDEX).isEqualTo(ledgerCount);
    try (Connection db = db()) {
      assertThat(count(db, "select count(*) from ledger_entry where seq > (select last_seq from ledger_relay_cursor)")).isZero();
      // Ran every 2 s on both instances, under the job lock: last month's report exists once.
      assertThat(count(db, "select count(*) from archive_document where kind = 'report'")).isEqualTo(1);
      assertThat(count(db, "select count(*) from shedlock where name in ('ledger-checkpointer', 'ledger-index-follow',"
          + " 'archive.monthly-report', 'archive.retention', 'events.purge-deliveries')")).isEqualTo(JOBS.size());
    }

    assertJobsRanOnOneInstanceAtATime();
    System.out.printf("two hub instances: %d lookups answered 200 (%d by %s, %d by %s), %d cut off by the kill; "
        + "%d ledger entries, %d checkpoints verified, %d entries indexed; %d client threads: %d lookups in %d ms on "
        + "two hubs, %d in %d ms on the survivor%n", ok.size(), results.okBy(a.name()), a.name(),
        results.okBy(b.name()), b.name(), failed, ledgerCount, verification.get("checkpointsChecked").asLong(),
        indexed, CLIENTS, okAtKill, beforeKill / 1_000_000, ok.size() - okAtKill, afterKill / 1_000_000);
  }

  /** Every logged run of a job by one instance is disjoint from every run of it by the other. */
  private static void assertJobsRanOnOneInstanceAtATime() throws IOException {
    Map<String, List<String[]>> runs = new HashMap<>();
    for (Hub hub : hubs) {
      for (String line : Files.readAllLines(hub.log(), StandardCharsets.UTF_8)) {
        Matcher m = JOB_RUN.matcher(line);
        if (m.find()) {
          runs.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new String[] {m.group(2), m.group(3), m.group(4)});
        }
      }
    }
    assertThat(runs.keySet()).containsAll(JOBS);
    Set<String> ranOnBoth = new HashSet<>();
    for (var job : runs.entrySet()) {
      List<String[]> list = job.getValue();
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size(); j++) {
          String[] x = list.get(i);
          String[] y = list.get(j);
          if (x[0].equals(y[0])) {
            continue;
          }
          ranOnBoth.add(job.getKey());
          boolean disjoint = Instant.parse(x[2]).isBefore(Instant.parse(y[1]))
              || Instant.parse(y[2]).isBefore(Instant.parse(x[1]));
          assertThat(disjoint).as("job %s ran on %s (%s..%s) and on %s (%s..%s) at once", job.getKey(),
              x[0], x[1], x[2], y[0], y[1], y[2]).isTrue();
        }
      }
    }
    // The survivor took over the jobs the killed instance had been running.
    assertThat(ranOnBoth).contains("ledger-checkpointer");
  }

  private static Hub start(String name, Path work, Path shared, KafkaServer kafka) throws IOException {
    int port = FreePorts.loopback();
    Path log = LOGS.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        "--hub.cluster.instance-id=" + name,
        "--hub.data-dir=" + work.resolve(name),
        // Shared state: the system of record, the keys, the archive volume.
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + dbUser,
        "--spring.datasource.password=",
        "--hub.security.keystore-path=" + shared.resolve("keys/hub-keys.p12"),
        "--hub.archive.path=" + shared.resolve("archive"),
        "--hub.archive.public-base-url=http://127.0.0.1:" + port,
        // Kafka: the outbox relay publishes, the index consumers share one group.
        "--hub.ledger.relay.publisher=kafka",
        "--hub.ledger.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--hub.ledger.kafka.topic=gdx.two-instances.ledger",
        "--hub.ledger.kafka.consumer.enabled=true",
        "--hub.ledger.kafka.consumer.group-id=gdx-two-instances-index",
        // Elasticsearch: one index for both.
        "--hub.ledger.search.backend=elasticsearch",
        "--hub.ledger.search.elasticsearch.url=" + elasticsearch.url(),
        "--hub.ledger.search.elasticsearch.index=" + ES_INDEX,
        "--hub.ledger.search.elasticsearch.replicas=0",
        "--hub.ledger.search.follow-interval=2s",
        // Scheduled jobs often, so that both instances compete for each of them during the test.
        "--hub.ledger.checkpoint.every-entries=50",
        "--hub.ledger.checkpoint.every=2s",
        "--hub.archive.report.schedule=timer:archive-monthly-report?delay=1000&period=2000",
        "--hub.archive.retention-schedule=timer:archive-retention?delay=1000&period=2000",
        "--hub.events.purge-interval=2s",
        "--hub.security.rate-limit.lookups-per-minute=0",
        // Each instance runs its own demo owner systems: their ports must not collide.
        "--hub.connectors.demo.servers.business-registry.port=" + FreePorts.loopback(),
        "--hub.connectors.demo.servers.revenue-department.port=" + FreePorts.loopback(),
        "--hub.connectors.demo.servers.population-registry-clerk.port=" + FreePorts.loopback(),
        "--logging.level.org.gdxhub.cluster=DEBUG"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Hub(name, port, process, log);
  }

  private static void awaitReady(Hub hub) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      if (!hub.process().isAlive()) {
        fail(hub.name() + " exited with " + hub.process().exitValue() + "; its log:\n" + tail(hub));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    fail(hub.name() + " was not ready within 4 minutes; its log:\n" + tail(hub));
  }

  private static void awaitLog(Hub hub, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(hub.log(), StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      Thread.sleep(500);
    }
    fail(hub.name() + " did not log \"" + text + "\" within " + timeout + "; its log:\n" + tail(hub));
  }

  private static String tail(Hub hub) {
    try {
      List<String> lines = Files.readAllLines(hub.log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String token(Hub hub, String user) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("access_token").asString();
  }

  /** A lookup of one of the demo datasets: the registry database, or the business registry's API. */
  private static HttpResponse<String> lookup(Hub hub, String officer, int n) throws IOException, InterruptedException {
    String body = n % 2 == 0
        ? "{\"subjectId\":\"1005662330474\",\"purpose\":\"welfare-registration\",\"caseRef\":\"BR-2569-" + n
            + "\",\"cardPresent\":true}"
        : "{\"subjectId\":\"0105330560801\",\"subjectType\":\"juristic_id\",\"purpose\":\"trade-registration\","
            + "\"caseRef\":\"BR-2569-" + n + "\"}";
    String dataset = n % 2 == 0 ? "civil-record" : "company-certificate";
    return http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/exchange/" + dataset + "/lookup"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + officer)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long indexCount() throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(elasticsearch.url() + "/" + ES_INDEX + "/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(elasticsearch.url() + "/" + ES_INDEX
        + "/_count")).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? JSON.readTree(r.body()).get("count").asLong() : -1;
  }

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, dbUser, "");
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The clients' results, and waiting for a number of 200s. */
  private static final class Queue {
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ok = new AtomicInteger();

    void add(Result r) {
      results.add(r);
      if (r.status() == 200) {
        ok.incrementAndGet();
      }
    }

    int ok() {
      return ok.get();
    }

    long okBy(String hub) {
      return results.stream().filter(r -> r.status() == 200 && r.hub().equals(hub)).count();
    }

    List<Result> all() {
      return List.copyOf(results);
    }

    void awaitOk(int count, Duration limit) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (ok.get() < count) {
        if (System.nanoTime() > deadline) {
          fail("only " + ok.get() + " of " + count + " lookups answered 200 within " + limit + "; statuses: "
              + results.stream().map(Result::status).distinct().toList());
        }
        Thread.sleep(50);
      }
    }
  }
}
