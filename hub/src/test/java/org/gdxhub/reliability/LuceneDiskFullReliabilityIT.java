package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Fault: the disk of the Lucene ledger index is full, under steady load (issue #10). The index
 * directory is its own small filesystem (a 16 MB tmpfs mounted by the test, which needs root or
 * CAP_SYS_ADMIN; otherwise the test is skipped and says so), filled up with a file so that the
 * index writer's commits fail with ENOSPC. Lookups go on (the ledger, the system of record, is
 * in H2 on another filesystem); the index is marked degraded ({@code /actuator/health}
 * component {@code ledgerIndex} DEGRADED with the reason) and the in-process relay keeps the
 * outbox rows it cannot index unsent. Once space is freed, the index is writable again, a
 * reindex ({@code POST /api/v1/ledger/index/reindex?fresh=true}) rebuilds it from the ledger,
 * and it holds exactly the ledger's entries; the chain verifies. Part of the default suite with
 * a short outage (it is the only test of the degraded state); {@code bin/reliability} runs it
 * with the profile's outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LuceneDiskFullReliabilityIT {

  static final Path DATA_DIR;
  static final Path INDEX_DIR;
  static final String SIZE = "16m";
  static boolean mounted;

  static {
    try {
      DATA_DIR = Files.createTempDirectory("gdx-hub-rel-lucene-");
      INDEX_DIR = Files.createDirectories(DATA_DIR.resolve("ledger-index"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void mountASmallFilesystemForTheIndex() throws Exception {
    String result = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0755", "tmpfs", INDEX_DIR.toString());
    mounted = result == null;
    Assumptions.assumeTrue(mounted, () -> "cannot give the Lucene index a small filesystem of its own to fill up "
        + "(mount -t tmpfs -o size=" + SIZE + " tmpfs " + INDEX_DIR + " failed: " + result + "); this needs root "
        + "or CAP_SYS_ADMIN. The disk-full row is not run (not counted as passed).");
  }

  @AfterAll
  static void unmount() throws Exception {
    if (mounted) {
      // Lazy: the hub (cached test context) keeps its files open until the JVM exits.
      run("umount", "-l", INDEX_DIR.toString());
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) {
    p.add("hub.data-dir", DATA_DIR::toString);
    p.add("hub.ledger.search.backend", () -> "lucene");
    p.add("hub.ledger.search.lucene.path", INDEX_DIR::toString);
    p.add("hub.ledger.relay.max-backoff", () -> "2s");
    Scenarios.underSteadyLoad(p);
  }

  @LocalServerPort
  int port;

  @Test
  void lookupsContinueWhileTheIndexDiskIsFullTheIndexIsDegradedAndAReindexRepairsIt() throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(8));
    HubProbe probe = HubProbe.signIn(port);
    URI hub = probe.base();
    Path filler = INDEX_DIR.resolve("filler.bin");

    try (LoadDriver load = Scenarios.civilRecordLoad(hub, probe.token("officer"))) {
      load.start();
      Scenarios.awaitServed(load, 30, Duration.ofSeconds(60));
      Scenarios.awaitIndexed(probe, 30, Duration.ofSeconds(60));

      long filled = fill(filler);
      LoadDriver.Counts before = load.counts();
      Set<String> indexStatuses = new TreeSet<>();
      Set<String> overallStatuses = new TreeSet<>();
      String reason = null;
      long unsentMax = 0;
      long deadline = System.nanoTime() + outage.toNanos();
      while (System.nanoTime() < deadline) {
        fill(filler); // a full disk stays full: take whatever Lucene's failed writes gave back
        JsonNode health = probe.get("/actuator/health", null);
        JsonNode index = health.path("components").path("ledgerIndex");
        indexStatuses.add(index.path("status").asString());
        overallStatuses.add(health.path("status").asString());
        if (index.path("details").has("reason")) {
          reason = index.path("details").path("reason").asString();
        }
        unsentMax = Math.max(unsentMax, probe.outboxUnsent());
        Thread.sleep(500);
      }
      int healthHttpStatus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.resolve("/actuator/health"))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      LoadDriver.Counts during = Scenarios.minus(load.counts(), before);
      Files.delete(filler);
      Scenarios.awaitServed(load, load.counts().served() + 30, Duration.ofSeconds(60));
      LoadDriver.Counts all = load.stop();

      String statusAfterFreeing = awaitIndexStatus(probe, "UP", Duration.ofSeconds(30));
      long indexBeforeReindex = probe.indexEntries();
      long ledgerBeforeReindex = probe.verify().path("entriesChecked").asLong();
      JsonNode reindex = reindex(hub, probe.token("operator"), probe);
      boolean caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(2));
      long ledger = probe.verify().path("entriesChecked").asLong();
      long indexed = probe.indexEntries();
      ReliabilityReport.record(new ReliabilityReport.Row("disk full for the Lucene index (" + SIZE + " tmpfs)", outage,
          all, ledger, indexed, probe.chainStatus(), "served during the outage: " + during.served() + "; ledgerIndex "
              + indexStatuses + " (overall " + overallStatuses + ", HTTP " + healthHttpStatus + "), reason: " + reason
              + "; outbox peak " + unsentMax + "; after freeing " + filled / 1024 + " KiB: " + statusAfterFreeing
              + ", index " + indexBeforeReindex + " of " + ledgerBeforeReindex + "; reindex " + reindex.path("state")
              .asString() + " (" + reindex.path("indexed").asLong() + " entries)"));

      assertThat(during.served()).as("lookups continue while the index disk is full").isPositive();
      assertThat(during.errors()).isZero();
      assertThat(indexStatuses).as("ledgerIndex health while the disk is full").contains("DEGRADED");
      assertThat(overallStatuses).as("overall health").contains("DEGRADED").doesNotContain("DOWN");
      assertThat(healthHttpStatus).as("a degraded index is no reason to take the hub out of service").isEqualTo(200);
      assertThat(reason).as("the reason names the failure").contains("No space left on device");
      assertThat(unsentMax).as("the relay keeps the rows it could not index").isPositive();
      assertThat(statusAfterFreeing).as("writable again once space is freed").isEqualTo("UP");
      assertThat(reindex.path("state").asString()).isEqualTo("completed");
      assertThat(Scenarios.missingEntries(probe, all)).isEmpty();
      assertThat(caughtUp).as("outbox %d, index %d, ledger %d", probe.outboxUnsent(), indexed, ledger).isTrue();
      assertThat(probe.verify().path("valid").asBoolean()).isTrue();
    }
  }

  /** Appends to the file until the filesystem refuses with ENOSPC; returns the file's size. */
  private static long fill(Path filler) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (true) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw e;
      }
    }
    // Smaller pieces for the last bytes.
    try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.APPEND)) {
      while (true) {
        out.write(new byte[512]);
        out.flush();
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw e;
      }
    }
    return Files.size(filler);
  }

  private static String awaitIndexStatus(HubProbe probe, String expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String status;
    do {
      status = probe.get("/actuator/health", null).path("components").path("ledgerIndex").path("status").asString();
      if (expected.equals(status)) {
        return status;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    return status;
  }

  /** Runs a fresh reindex as the operator and waits until it is no longer running; returns its status. */
  private static JsonNode reindex(URI hub, String operatorToken, HubProbe probe) throws Exception {
    HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            hub.resolve("/api/v1/ledger/index/reindex?fresh=true")).header("Authorization", "Bearer " + operatorToken)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    JsonNode status;
    do {
      Thread.sleep(250);
      status = probe.get("/api/v1/ledger/index/reindex", operatorToken);
    } while ("running".equals(status.path("state").asString()) && System.nanoTime() < deadline);
    return status;
  }

  /** Runs a command; null when it succeeded, else its exit code and output. */
  private static String run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      boolean done = p.waitFor(30, TimeUnit.SECONDS);
      String output = new String(p.getInputStream().readAllBytes()).strip();
      return done && p.exitValue() == 0 ? null : "exit " + (done ? p.exitValue() : "timeout") + ": " + output;
    } catch (IOException e) {
      return e.toString();
    }
  }
}
