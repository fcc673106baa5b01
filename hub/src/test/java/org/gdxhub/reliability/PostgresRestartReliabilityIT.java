package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;

import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.PostgresServer;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault: the system of record (PostgreSQL) restarts under steady load (issue #10). While it is
 * down lookups fail cleanly — an error answer, never a record without a ledger entry — and once
 * it is back they are served again; every answer that named a ledger entry has it, and the
 * chain verifies.
 */
@Tag("reliability-matrix")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresRestartReliabilityIT {

  static final PostgresServer postgres = PostgresServer.startNew();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    String dataDir = Files.createTempDirectory("gdx-hub-rel-pg-").toString();
    String url = postgres.createDatabase("gdx_reliability");
    p.add("hub.data-dir", () -> dataDir);
    p.add("spring.datasource.url", () -> url);
    p.add("spring.datasource.username", postgres::username);
    p.add("spring.datasource.password", () -> "");
    // Fail fast while the database is away instead of queueing callers for 30 s.
    p.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    Scenarios.underSteadyLoad(p);
  }

  @LocalServerPort
  int port;

  @Test
  void lookupsFailCleanlyWhileTheDatabaseIsDownAndResumeAfter() throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(5));
    HubProbe probe = HubProbe.signIn(port);
    URI hub = probe.base();

    try (LoadDriver load = Scenarios.civilRecordLoad(hub, probe.token("officer"))) {
      load.start();
      Scenarios.awaitServed(load, 30, Duration.ofSeconds(60));
      postgres.halt();
      LoadDriver.Counts before = load.counts();
      Thread.sleep(outage.toMillis());
      LoadDriver.Counts during = Scenarios.minus(load.counts(), before);
      postgres.restart();
      Scenarios.awaitServed(load, load.counts().served() + 30, Duration.ofSeconds(120));
      LoadDriver.Counts all = load.stop();

      boolean caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(2));
      long ledger = probe.verify().path("entriesChecked").asLong();
      ReliabilityReport.record(new ReliabilityReport.Row("PostgreSQL restart", outage, all, ledger,
          probe.indexEntries(), probe.chainStatus(), "during the outage: " + during.byOutcome()));
      assertThat(during.errors()).as("lookups fail while the database is down").isPositive();
      assertThat(Scenarios.missingEntries(probe, all)).as("every answer's ledger entry exists").isEmpty();
      assertThat(all.servedLedgerEntryIds()).hasSize((int) all.served());
      assertThat(during.byOutcome().keySet()).as("no 500s").noneMatch(k -> k.startsWith("500"));
      assertThat(probe.verify().path("valid").asBoolean()).isTrue();
      assertThat(caughtUp).isTrue();
    }
  }
}
