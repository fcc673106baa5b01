package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.gdxhub.ledger.ExchangeRecord.Decision;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's behaviour against a real system-of-record database: chaining, verification,
 * tamper detection, concurrent appends, search. Subclasses supply H2 or PostgreSQL.
 */
abstract class LedgerStoreContract {

  static final Instant START = Instant.parse("2026-11-23T03:00:00.123456789Z");

  TestDatabase db;
  JdbcClient jdbc;
  LedgerService ledger;
  TransactionTemplate tx;
  final AtomicReference<Instant> now = new AtomicReference<>(START);

  protected abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    jdbc = JdbcClient.create(db.ds());
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now.getAndUpdate(t -> t.plus(Duration.ofSeconds(1)));
      }

      @Override
      public ZoneId getZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
    ledger = new LedgerService(new JdbcLedgerStore(jdbc), clock);
    tx = new TransactionTemplate(new DataSourceTransactionManager(db.ds()));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  LedgerEntry append(String agency, String dataset, Decision decision) {
    ExchangeRecord record = new ExchangeRecord(UUID.randomUUID().toString(), agency, "registration", "officer-1",
        dataset, "agr-1", 1, "welfare", "Civil Registration Act", "CASE-1", true, "citizen_id",
        "a".repeat(64), decision,
        decision == Decision.DENY ? List.of(new PolicyDecision.Reason("no_agreement", "no agreement")) : List.of(),
        decision == Decision.ALLOW ? List.of("citizen_id", "first_name_th") : List.of(), 12L,
        decision == Decision.ALLOW ? "served" : "denied");
    return tx.execute(s -> ledger.append(record, new DecisionRecord("wasm", "{\"purpose\":\"welfare\"}", "{}")));
  }

  @Test
  void eachEntryLinksToThePreviousHash() {
    LedgerEntry first = append("district", "civil-record", Decision.ALLOW);
    LedgerEntry second = append("district", "civil-record", Decision.DENY);
    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.prevHash()).isEqualTo("0".repeat(64));
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(second.hash()).hasSize(64).isNotEqualTo(first.hash());
  }

  @Test
  void storedEntryReadsBackExactlyAsAppended() {
    LedgerEntry appended = append("district", "civil-record", Decision.DENY);
    LedgerEntry stored = ledger.entry(appended.id()).orElseThrow();
    assertThat(stored).isEqualTo(appended);
    assertThat(stored.recordedAt()).isEqualTo(Instant.parse("2026-11-23T03:00:00.123456Z"));
    assertThat(ledger.decision(appended.exchange().requestId())).get()
        .extracting(DecisionRecord::inputJson).isEqualTo("{\"purpose\":\"welfare\"}");
  }

  @Test
  void verifiesAnIntactChain() {
    for (int i = 0; i < 20; i++) {
      append("district", "civil-record", i % 3 == 0 ? Decision.DENY : Decision.ALLOW);
    }
    ChainVerification result = ledger.verify();
    assertThat(result.valid()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(20);
    assertThat(result.firstBroken()).isNull();
  }

  @Test
  void detectsATamperedRow() {
    for (int i = 0; i < 5; i++) {
      append("district", "civil-record", Decision.ALLOW);
    }
    jdbc.sql("update ledger_entry set purpose = 'marketing' where seq = 3").update();
    ChainVerification result = ledger.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.entriesChecked()).isEqualTo(2);
    assertThat(result.firstBroken().seq()).isEqualTo(3);
    assertThat(result.firstBroken().problem()).contains("hash");
  }

  @Test
  void detectsARowRehashedToHideATamper() {
    for (int i = 0; i < 5; i++) {
      append("district", "civil-record", Decision.ALLOW);
    }
    // The forger recomputes entry 2's hash, but entry 3 still carries the original link.
    jdbc.sql("update ledger_entry set decision = 'deny', hash = ? where seq = 2").param("f".repeat(64)).update();
    ChainVerification result = ledger.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBroken().seq()).isEqualTo(2);
  }

  @Test
  void detectsADeletedRow() {
    for (int i = 0; i < 5; i++) {
      append("district", "civil-record", Decision.ALLOW);
    }
    jdbc.sql("delete from ledger_entry where seq = 4").update();
    ChainVerification result = ledger.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBroken().seq()).isEqualTo(5);
    assertThat(result.firstBroken().problem()).contains("sequence gap");
  }

  @Test
  void concurrentAppendsFormOneUnbrokenChain() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 25; i++) {
          append("district", "civil-record", Decision.ALLOW);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(ledger.count()).isEqualTo(200);
    ChainVerification result = ledger.verify();
    assertThat(result.valid()).as("%s", result.firstBroken()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(200);
  }

  @Test
  void aFailedAppendLeavesNoTrace() {
    LedgerEntry first = append("district", "civil-record", Decision.ALLOW);
    ExchangeRecord duplicate = new ExchangeRecord(first.exchange().requestId(), "district", "registration", "o",
        "civil-record", null, null, "welfare", "", null, false, "citizen_id", null, Decision.DENY, List.of(),
        List.of(), null, "denied");
    assertThatThrownBy(() -> tx.execute(s -> ledger.append(duplicate, new DecisionRecord("wasm", "{}", "{}"))))
        .isInstanceOf(LedgerUnavailableException.class);
    assertThat(ledger.count()).isEqualTo(1);
    LedgerEntry next = append("district", "civil-record", Decision.ALLOW);
    assertThat(next.seq()).isEqualTo(2);
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void searchesByAgencyDatasetDecisionAndTime() {
    append("district", "civil-record", Decision.ALLOW); // 03:00:00
    append("district", "house-registration", Decision.DENY); // 03:00:01
    append("revenue", "civil-record", Decision.ALLOW); // 03:00:02
    append("district", "civil-record", Decision.DENY); // 03:00:03

    assertThat(search("district", null, null, null, null)).extracting(LedgerEntry::seq).containsExactly(4L, 2L, 1L);
    assertThat(search(null, "civil-record", null, null, null)).extracting(LedgerEntry::seq).containsExactly(4L, 3L, 1L);
    assertThat(search("district", "civil-record", "deny", null, null)).extracting(LedgerEntry::seq).containsExactly(4L);
    assertThat(search(null, null, null, Instant.parse("2026-11-23T03:00:01Z"), Instant.parse("2026-11-23T03:00:03Z")))
        .extracting(LedgerEntry::seq).containsExactly(3L, 2L);
    assertThat(ledger.search(new LedgerQuery(null, null, null, null, null, null, null, 2, 1)))
        .extracting(LedgerEntry::seq).containsExactly(3L, 2L);
  }

  private List<LedgerEntry> search(String agency, String dataset, String decision, Instant from, Instant to) {
    return ledger.search(new LedgerQuery(agency, null, null, dataset, decision, from, to, 100, 0));
  }
}
