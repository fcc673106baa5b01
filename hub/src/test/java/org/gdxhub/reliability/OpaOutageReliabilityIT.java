package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;

import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.OpaServer;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault: the OPA server (policy engine in server mode) is down under steady load (issue #10).
 * While it is down every lookup is denied {@code policy_unavailable} and ledgered, nothing is
 * served; when OPA is back (same address) lookups are served again. The default suite's quick
 * check of the same rule is OpaServerModeIT; this is the matrix row ({@code bin/reliability}).
 */
@Tag("reliability-matrix")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OpaOutageReliabilityIT {

  static final int HUB_PORT = OpaServer.freePort();
  static final int OPA_PORT = OpaServer.freePort();
  static OpaServer opa;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    String dataDir = Files.createTempDirectory("gdx-hub-rel-opa-").toString();
    opa = OpaServer.pullingBundlesFrom("http://127.0.0.1:" + HUB_PORT, OPA_PORT);
    p.add("hub.data-dir", () -> dataDir);
    p.add("server.port", () -> HUB_PORT);
    p.add("hub.policy.engine", () -> "opa-server");
    p.add("hub.policy.opa-url", () -> opa.url().toString());
    p.add("hub.policy.opa-timeout", () -> "2s");
    Scenarios.underSteadyLoad(p);
  }

  @AfterAll
  static void stopOpa() {
    opa.close();
  }

  @Test
  void whileOpaIsDownEveryLookupIsDeniedPolicyUnavailableAndNothingIsServed() throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(5));
    HubProbe probe = HubProbe.signIn(HUB_PORT);
    URI hub = probe.base();
    opa.awaitBundles(Duration.ofSeconds(60));

    try (LoadDriver load = Scenarios.civilRecordLoad(hub, probe.token("officer"))) {
      load.start();
      Scenarios.awaitServed(load, 20, Duration.ofSeconds(60));
      opa.close();
      Thread.sleep(2_500); // calls in flight when OPA went away finish
      LoadDriver.Counts before = load.counts();
      Thread.sleep(outage.toMillis());
      LoadDriver.Counts during = Scenarios.minus(load.counts(), before);
      opa = OpaServer.pullingBundlesFrom("http://127.0.0.1:" + HUB_PORT, OPA_PORT);
      opa.awaitBundles(Duration.ofSeconds(60));
      long servedBefore = load.counts().served();
      Scenarios.awaitServed(load, servedBefore + 20, Duration.ofSeconds(60));
      LoadDriver.Counts all = load.stop();

      boolean caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(1));
      ReliabilityReport.record(new ReliabilityReport.Row("OPA server down (server mode); counts of the outage phase", outage, during,
          probe.verify().path("entriesChecked").asLong(), probe.indexEntries(), probe.chainStatus(),
          "during the outage: " + during.byOutcome() + "; served again after: " + (all.served() > servedBefore)));
      assertThat(during.attempted()).isPositive();
      assertThat(during.served()).as("nothing served without a policy decision").isZero();
      assertThat(during.byOutcome()).containsOnlyKeys("403 access_denied/policy_unavailable");
      assertThat(Scenarios.missingEntries(probe, all)).isEmpty();
      assertThat(probe.verify().path("valid").asBoolean()).isTrue();
      assertThat(caughtUp).isTrue();
    }
  }
}
