package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.gdxhub.testsupport.HubProcess;
import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fault: {@code kill -9} of the hub process mid-load, then a restart on the same data (issue #10).
 * Every 200 a client received has its ledger entry after the restart, so does every ledgered
 * refusal, the hash chain verifies, and the outbox relay (killed with the hub) drains into the
 * index, which ends up holding exactly the ledger's entries. Embedded defaults: H2 file
 * database, in-process relay, Lucene index. Part of the default suite with a short downtime;
 * {@code bin/reliability} runs it with the profile's outage.
 */
class HubKillReliabilityIT {

  static HubProcess hub;

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void everyAnswerAClientGotSurvivesAKillAndTheOutboxDrainsAfterTheRestart() throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(3));
    hub = HubProcess.create("--hub.security.rate-limit.lookups-per-minute=0", "--hub.demo.civil-record-daily-quota=0").start(Duration.ofMinutes(3));
    HubProbe probe = HubProbe.signIn(hub.url());
    LoadDriver load = Scenarios.civilRecordLoad(hub.url(), probe.token("officer")).start();
    Scenarios.awaitServed(load, 50, Duration.ofSeconds(60));
    hub.kill();
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
    ReliabilityReport.record(new ReliabilityReport.Row("kill -9 of the hub mid-load, restart", outage, counts, ledger,
        index, chain, "every 200 and every ledgered refusal found after restart: " + missing.isEmpty()
            + "; outbox drained: " + (probe.outboxUnsent() == 0)));
    assertThat(probe.verify().path("valid").asBoolean()).as(chain).isTrue();
    assertThat(ledger).isGreaterThanOrEqualTo(counts.served() + counts.denied());
    assertThat(caughtUp).as("outbox drained (%d unsent) and index (%d) = ledger (%d)", probe.outboxUnsent(), index,
        ledger).isTrue();
  }
}
