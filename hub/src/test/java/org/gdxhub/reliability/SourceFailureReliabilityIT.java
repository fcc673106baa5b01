package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gdxhub.connectors.DemoSources;
import org.gdxhub.connectors.internal.DemoSourceFaults;
import org.gdxhub.connectors.internal.DemoSourceSystems;
import org.gdxhub.demo.DemoData;
import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault: one owner system slow, then dead, under steady load on two datasets of different
 * owners (issue #10). The business registry (HTTP/JSON, a real HTTP server on loopback) first
 * answers 5 s late — past its configured 2 s timeout — and is then stopped (connections
 * refused); the population registry (JDBC) keeps serving civil records. Every company
 * certificate lookup during the fault is a ledgered {@code 504 source_timeout} or {@code 502
 * source_unavailable} problem that arrives within the timeout (plus a margin); the source's
 * circuit breaker opens (the hub's gauge {@code gdx.connector.circuit.state} says so, and
 * answers become fast failures); civil records are served with their usual latency. When the
 * source is back the circuit closes and certificates are served again.
 */
@Tag("reliability-matrix")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SourceFailureReliabilityIT {

  static final String SOURCE = "business-registry";
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final Duration SLOW = Duration.ofSeconds(5);
  /** Scheduling on a busy 2-core machine; the answer itself comes at the timeout. */
  static final Duration MARGIN = Duration.ofMillis(1500);
  /** An answer this fast did not wait for the source: the open circuit refused the call. */
  static final long FAST_MS = 500;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    String dataDir = Files.createTempDirectory("gdx-hub-rel-source-").toString();
    p.add("hub.data-dir", () -> dataDir);
    Scenarios.underSteadyLoad(p);
    p.add("hub.connectors.sources." + SOURCE + ".timeout", TIMEOUT::toString);
    // Shorter than the default 30 s so that the breaker half-opens and closes within the run.
    p.add("hub.connectors.sources." + SOURCE + ".circuit-breaker.open-for", () -> "5s");
  }

  @LocalServerPort
  int port;
  @Autowired
  DemoSourceSystems systems;
  @Autowired
  DemoSources demo;

  @Test
  void aSlowThenDeadSourceFailsFastAndLedgeredWhileOtherDatasetsAreServed() throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(8));
    HubProbe probe = HubProbe.signIn(port);
    URI hub = probe.base();
    DemoSourceFaults source = DemoSourceFaults.of(systems, SOURCE);
    List<String> companies = demo.juristicIds();
    LoadDriver certificates = new LoadDriver(hub, DemoData.COMPANY_CERTIFICATE.id(), 2, n -> """
        {"subjectId":"%s","subjectType":"juristic_id","purpose":"%s","caseRef":"REL-BIZ-%d"}"""
        .formatted(companies.get(n % companies.size()), DemoData.TRADE_PURPOSE, n), Duration.ofMillis(50))
        .withBearer(probe.token("officer"));
    Set<String> circuitStates = ConcurrentHashMap.newKeySet();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher = Thread.ofVirtual().start(() -> {
      while (watching.get()) {
        circuitStates.add(circuitState(probe, probe.token("operator")));
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    });

    try (LoadDriver civil = Scenarios.civilRecordLoad(hub, probe.token("officer")); certificates) {
      civil.start();
      certificates.start();
      Scenarios.awaitServed(certificates, 20, Duration.ofSeconds(60));
      Scenarios.awaitServed(civil, 30, Duration.ofSeconds(60));
      long slowFrom = System.nanoTime();
      source.slow(SLOW);
      Thread.sleep(outage.toMillis());
      circuitStates.clear();
      long deadFrom = System.nanoTime();
      source.stop().slow(Duration.ZERO);
      Thread.sleep(outage.toMillis());
      Set<String> statesWhileDead = Set.copyOf(circuitStates);
      long backFrom = System.nanoTime();
      source.start();
      long servedBefore = certificates.counts().served();
      Scenarios.awaitServed(certificates, servedBefore + 20, Duration.ofSeconds(60));
      Scenarios.awaitServed(civil, civil.counts().served() + 20, Duration.ofSeconds(60));
      LoadDriver.Counts civilCounts = civil.stop();
      LoadDriver.Counts certificateCounts = certificates.stop();
      watching.set(false);
      watcher.join();
      String circuitAfter = circuitState(probe, probe.token("operator"));

      List<LoadDriver.Sample> slow = Scenarios.between(certificates.samples(), slowFrom, deadFrom);
      List<LoadDriver.Sample> dead = Scenarios.between(certificates.samples(), deadFrom, backFrom);
      List<LoadDriver.Sample> failures = java.util.stream.Stream.concat(slow.stream(), dead.stream()).toList();
      long timeouts = slow.stream().filter(s -> s.outcome().equals("504 source_timeout")).count();
      long fastFailures = failures.stream().filter(s -> s.outcome().equals("502 source_unavailable")
          && s.millis() < FAST_MS).count();
      long slowest = failures.stream().mapToLong(LoadDriver.Sample::millis).max().orElse(0);
      List<LoadDriver.Sample> civilBefore = Scenarios.between(civil.samples(), 0, slowFrom);
      List<LoadDriver.Sample> civilDuring = Scenarios.between(civil.samples(), slowFrom, backFrom);
      long civilP95Before = Scenarios.percentile(civilBefore, 95);
      long civilP95During = Scenarios.percentile(civilDuring, 95);
      LoadDriver.Counts all = Scenarios.plus(civilCounts, certificateCounts);

      boolean caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(2));
      long ledger = probe.verify().path("entriesChecked").asLong();
      ReliabilityReport.record(new ReliabilityReport.Row("business registry slow (5 s > 2 s timeout), then dead; "
          + "civil-record and company-certificate under load", outage, all, ledger, probe.indexEntries(),
          probe.chainStatus(), "company-certificate while slow: " + outcomes(slow) + ", while dead: " + outcomes(dead)
              + "; slowest failure " + slowest + " ms, fast (<" + FAST_MS + " ms) failures " + fastFailures
              + "; circuit while dead " + statesWhileDead + ", after " + circuitAfter + "; civil-record p95 "
              + civilP95Before + " ms before, " + civilP95During + " ms during (" + civilDuring.size()
              + " lookups)"));

      assertThat(slow.stream().map(LoadDriver.Sample::outcome))
          .as("while slow: a source_timeout, or a source_unavailable once the circuit is open")
          .isNotEmpty().allMatch(o -> o.equals("504 source_timeout") || o.equals("502 source_unavailable"));
      assertThat(timeouts).as("timeouts while slow").isPositive();
      assertThat(dead.stream().map(LoadDriver.Sample::outcome)).as("while dead")
          .isNotEmpty().containsOnly("502 source_unavailable");
      assertThat(slowest).as("every failure arrives within the %s timeout + %s", TIMEOUT, MARGIN)
          .isLessThanOrEqualTo(TIMEOUT.plus(MARGIN).toMillis());
      assertThat(fastFailures).as("the open circuit answers at once").isPositive();
      assertThat(statesWhileDead).as("circuit state (gauge) while the source is dead").contains("open");
      assertThat(circuitAfter).as("the circuit closes once the source is back").isEqualTo("closed");
      assertThat(certificateCounts.served()).isGreaterThan(servedBefore);
      assertThat(certificateCounts.errors()).as("every answer names its ledger entry").isZero();

      assertThat(civilCounts.errors()).isZero();
      assertThat(civilDuring.stream().map(LoadDriver.Sample::outcome)).as("civil records during the fault")
          .contains("200 served").allMatch(o -> o.equals("200 served") || o.startsWith("403 access_denied"));
      assertThat(civilP95During).as("civil-record p95 during the fault vs. %d ms before", civilP95Before)
          .isLessThanOrEqualTo(Math.max(1000, 3 * civilP95Before));

      assertThat(Scenarios.missingEntries(probe, all)).as("every answer's ledger entry exists").isEmpty();
      assertThat(probe.verify().path("valid").asBoolean()).isTrue();
      assertThat(caughtUp).isTrue();
    } finally {
      watching.set(false);
    }
  }

  /** closed, open, half_open or other, from the gauge gdx.connector.circuit.state of the source. */
  private static String circuitState(HubProbe probe, String operatorToken) {
    double value = probe.get("/actuator/metrics/gdx.connector.circuit.state?tag=source:" + SOURCE, operatorToken)
        .path("measurements").path(0).path("value").asDouble(-1);
    return switch ((int) value) {
      case 0 -> "closed";
      case 1 -> "open";
      case 2 -> "half_open";
      default -> "other(" + value + ")";
    };
  }

  private static Map<String, Long> outcomes(List<LoadDriver.Sample> samples) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    samples.forEach(s -> counts.merge(s.outcome(), 1L, Long::sum));
    return counts;
  }
}
