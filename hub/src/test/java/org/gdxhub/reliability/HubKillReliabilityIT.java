package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.gdxhub.testsupport.HubProcess;
import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault: the hub process stopped mid-load, by {@code kill -9} or by SIGTERM, then a restart on
 * the same data (issue #10). Every 200 a client received has its ledger entry after the restart,
 * so does every ledgered refusal, the hash chain verifies, and the outbox relay (stopped with the
 * hub) drains into the index, which ends up holding exactly the ledger's entries. A SIGTERM also
 * fails no request the hub had accepted: graceful shutdown finishes them before the database
 * closes. Embedded defaults: H2 file database, in-process relay, Lucene index. Part of the
 * default suite with a short downtime; {@code bin/reliability} runs it with the profile's outage.
 */
class HubKillReliabilityIT {

  HubProcess hub;

  enum Stop {
    KILL("kill -9 of the hub mid-load, restart"),
    TERM("SIGTERM (graceful stop) of the hub mid-load, restart");

    final String fault;

    Stop(String fault) {
      this.fault = fault;
    }
  }

  @AfterEach
  void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Stop.class)
  void everyAnswerAClientGotSurvivesTheStopAndTheOutboxDrainsAfterTheRestart(Stop stop) throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(3));
    hub = HubProcess.create("--hub.security.rate-limit.lookups-per-minute=0", "--hub.demo.civil-record-daily-quota=0").start(Duration.ofMinutes(3));
    HubProbe probe = HubProbe.signIn(hub.url());
    LoadDriver load = Scenarios.civilRecordLoad(hub.url(), probe.token("officer")).start();
    Scenarios.awaitServed(load, 50, Duration.ofSeconds(60));
    LoadDriver.Counts beforeStop = load.counts();
    if (stop == Stop.KILL) {
      hub.kill();
    } else {
      hub.stop(Duration.ofSeconds(60));
    }
    LoadDriver.Counts duringStop = Scenarios.minus(load.counts(), beforeStop);
    Thread.sleep(outage.toMillis());
    hub.start(Duration.ofMinutes(3));
    Scenarios.awaitServed(load, load.counts().served() + 50, Duration.ofSeconds(60));
    LoadDriver.Counts counts = load.stop();

    assertThat(counts.served()).as("served before and after the kill").isPositive();
    assertThat(counts.denied()).isPositive();
    List<String> missing = Scenarios.missingEntries(probe, counts);
    assertThat(missing).as("answers whose ledger entry is gone after the kill (of them served: %s)",
        missing.stream().filter(counts.servedLedgerEntryIds()::contains).toList()).isEmpty();
    boolean caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(2));
    long ledger = probe.verify().path("entriesChecked").asLong();
    long index = probe.indexEntries();
    String chain = probe.chainStatus();
    ReliabilityReport.record(new ReliabilityReport.Row(stop.fault, outage, counts, ledger,
        index, chain, "every 200 and every ledgered refusal found after restart: " + missing.isEmpty()
            + "; outbox drained: " + (probe.outboxUnsent() == 0)));
    assertThat(probe.verify().path("valid").asBoolean()).as(chain).isTrue();
    if (stop == Stop.TERM) {
      assertThat(duringStop.byOutcome().keySet()).as("answers while the hub stopped gracefully")
          .noneMatch(outcome -> outcome.startsWith("5"));
      assertThat(hub.logTail()).doesNotContain("Database is already closed");
    }
    assertThat(ledger).isGreaterThanOrEqualTo(counts.served() + counts.denied());
    assertThat(caughtUp).as("outbox drained (%d unsent) and index (%d) = ledger (%d)", probe.outboxUnsent(), index,
        ledger).isTrue();
  }
}
