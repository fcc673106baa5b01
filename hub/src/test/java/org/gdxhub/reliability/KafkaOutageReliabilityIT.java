package org.gdxhub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.gdxhub.ledger.internal.JdbcRelayCursor;
import org.gdxhub.testsupport.KafkaServer;
import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.ReliabilityReport;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault: the Kafka broker stopped under steady load (issue #10). Lookups go on (the ledger is
 * the system of record, the outbox keeps what Kafka cannot take), the outbox grows; after the
 * broker is back the relay drains it and the index, fed only through Kafka, catches up to
 * exactly the ledger's count. The default suite's check of the same rule is LedgerNoLossIT
 * (10,000 in-process lookups, Elasticsearch); this is the matrix row over HTTP with Lucene.
 */
@Tag("reliability-matrix")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOutageReliabilityIT {

  static final KafkaServer kafka = KafkaServer.startNew();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry p) throws Exception {
    Scenarios.kafkaRelayedHub(p, "kafka", kafka::bootstrapServers, "gdx.ledger.rel-" + UUID.randomUUID(),
        "gdx-rel-" + UUID.randomUUID());
    p.add("hub.ledger.kafka.delivery-timeout", () -> "10s");
    p.add("hub.ledger.search.follow-interval", () -> "0s");
    p.add("logging.level.org.apache.kafka", () -> "ERROR");
    p.add("logging.level.kafka", () -> "ERROR");
  }

  @AfterAll
  static void stopKafka() {
    kafka.stop();
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcRelayCursor relayCursor;

  @Test
  void lookupsContinueWhileKafkaIsDownAndTheIndexCatchesUpAfterwards() throws Exception {
    Duration outage = ReliabilityReport.outage(Duration.ofSeconds(5));
    HubProbe probe = HubProbe.signIn(port);
    URI hub = probe.base();

    try (LoadDriver load = Scenarios.civilRecordLoad(hub, probe.token("officer"))) {
      load.start();
      Scenarios.awaitServed(load, 30, Duration.ofSeconds(60));
      kafka.stop();
      LoadDriver.Counts before = load.counts();
      long unsentMax = 0;
      long deadline = System.nanoTime() + outage.toNanos();
      while (System.nanoTime() < deadline) {
        unsentMax = Math.max(unsentMax, relayCursor.unsentCount());
        Thread.sleep(200);
      }
      LoadDriver.Counts during = Scenarios.minus(load.counts(), before);
      kafka.restart();
      Scenarios.awaitServed(load, load.counts().served() + 30, Duration.ofSeconds(60));
      LoadDriver.Counts all = load.stop();

      boolean caughtUp = probe.awaitCaughtUp(Duration.ofMinutes(3));
      long ledger = probe.verify().path("entriesChecked").asLong();
      ReliabilityReport.record(new ReliabilityReport.Row("Kafka stopped", outage, all, ledger, probe.indexEntries(),
          probe.chainStatus(), "served during the outage: " + during.served() + "; outbox peak " + unsentMax
              + ", drained: " + (probe.outboxUnsent() == 0)));
      assertThat(during.served()).as("lookups continue while Kafka is down").isPositive();
      assertThat(during.errors()).isZero();
      assertThat(unsentMax).as("the outbox grows").isPositive();
      assertThat(Scenarios.missingEntries(probe, all)).isEmpty();
      assertThat(caughtUp).as("outbox %d, index %d, ledger %d", probe.outboxUnsent(), probe.indexEntries(), ledger)
          .isTrue();
      assertThat(probe.verify().path("valid").asBoolean()).isTrue();
    }
  }
}
