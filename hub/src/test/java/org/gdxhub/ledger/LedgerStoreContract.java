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

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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
  Clock clock;

  protected abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    jdbc = JdbcClient.create(db.ds());
    clock = new Clock() {
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

  // --- policy inputs with their facts stored once (ADR 0020) ------------------------------

  private LedgerEntry appendDecided(LedgerService into, String inputJson) {
    ExchangeRecord record = record("agr-1", "served");
    return tx.execute(s -> into.append(record, new DecisionRecord("wasm", inputJson, "{\"allow\":true}")));
  }

  private static String policyInput(int agreementVersion, String purpose) {
    var input = new org.gdxhub.policy.PolicyInputBuilder();
    input.agreementVersion = agreementVersion;
    input.purpose = purpose;
    return org.gdxhub.common.JsonText.write(input.build());
  }

  @Test
  void policyInputsReadBackByteForByteWithTheirFactsStoredOnce() {
    List<String> inputs = new ArrayList<>();
    List<LedgerEntry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // Two agreement versions, one dataset; purposes with characters JSON must escape.
      String input = policyInput(1 + i % 2, "welfare \"check\" {\"$fact\":\"x\"} #" + i + " \u0e01");
      inputs.add(input);
      entries.add(appendDecided(ledger, input));
    }
    for (int i = 0; i < 6; i++) {
      assertThat(ledger.decision(entries.get(i).exchange().requestId()).orElseThrow().inputJson())
          .isEqualTo(inputs.get(i));
    }
    assertThat(ledger.recentDecisions(6)).extracting(d -> d.decision().inputJson())
        .containsExactlyElementsOf(inputs.reversed());
    // One dataset fact and one per agreement version, however many decisions refer to them.
    assertThat(jdbc.sql("select count(*) from policy_fact").query(Long.class).single()).isEqualTo(3);
    String stored = jdbc.sql("select input_json from policy_decision where request_id = ?")
        .param(entries.getFirst().exchange().requestId()).query(String.class).single();
    assertThat(stored).contains("\"dataset\":{\"$fact\":\"").contains("\"agreement\":{\"$fact\":\"")
        .doesNotContain("Civil Registration Act\",\"citizen_id");
    // The first input's facts: the dataset and agreement version 1. Each is replaced by
    // {"$fact":"<64 hex digits>"}, 76 characters.
    long factChars = jdbc.sql("select sum(length(fact_json)) from policy_fact where fact_json not like ?")
        .param("%\"version\":2,%").query(Long.class).single();
    assertThat(stored.length()).isEqualTo(inputs.getFirst().length() - factChars + 2 * 76);
  }

  @Test
  void aRolledBackAppendLeavesNoDanglingFactReference() {
    String input = policyInput(7, "welfare");
    assertThatThrownBy(() -> tx.execute(s -> {
      ledger.append(record("agr-1", "served"), new DecisionRecord("wasm", input, "{}"));
      throw new IllegalStateException("the lookup's transaction fails after the append");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(jdbc.sql("select count(*) from policy_fact").query(Long.class).single()).isZero();
    // The same store instance stores the facts again for the next append rather than assuming them.
    LedgerEntry entry = appendDecided(ledger, input);
    assertThat(ledger.decision(entry.exchange().requestId()).orElseThrow().inputJson()).isEqualTo(input);
  }

  @Test
  void groupCommittedDecisionsShareTheirFacts() throws Exception {
    try (var handle = new LedgerGroupCommitHandle();
        var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      LedgerService grouped = groupCommitted(handle);
      List<java.util.concurrent.Future<LedgerEntry>> appended = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String input = policyInput(1 + i % 4, "purpose-" + i);
        appended.add(clients.submit(() -> grouped.append(record("agr-1", "served"),
            new DecisionRecord("wasm", input, "{}"))));
      }
      for (int i = 0; i < 100; i++) {
        String requestId = appended.get(i).get().exchange().requestId();
        assertThat(ledger.decision(requestId).orElseThrow().inputJson()).isEqualTo(policyInput(1 + i % 4, "purpose-" + i));
      }
    }
    assertThat(jdbc.sql("select count(*) from policy_fact").query(Long.class).single()).isEqualTo(5);
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

  // --- group commit and usage counts (issue #9, ADR 0015) -----------------------------------

  static final Instant TODAY = START.atZone(org.gdxhub.policy.PolicyInput.CALENDAR_ZONE).toLocalDate()
      .atStartOfDay(org.gdxhub.policy.PolicyInput.CALENDAR_ZONE).toInstant();

  private LedgerService groupCommitted(LedgerGroupCommitHandle handle) {
    return new LedgerService(new JdbcLedgerStore(jdbc), handle.clock, handle.groupCommit);
  }

  /** A group-committing ledger on this test's database and clock. */
  final class LedgerGroupCommitHandle implements AutoCloseable {
    final Clock clock = LedgerStoreContract.this.clock;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final org.gdxhub.ledger.internal.LedgerGroupCommit groupCommit;

    LedgerGroupCommitHandle() {
      this(Duration.ZERO);
    }

    LedgerGroupCommitHandle(Duration linger) {
      groupCommit = new org.gdxhub.ledger.internal.LedgerGroupCommit(new JdbcLedgerStore(jdbc),
          new DataSourceTransactionManager(db.ds()), clock, new LedgerProperties.GroupCommit(true, 64, linger),
          meters);
    }

    @Override
    public void close() throws Exception {
      groupCommit.close();
    }
  }

  private static ExchangeRecord record(String agreementId, String outcome) {
    Decision decision = outcome.equals("denied") ? Decision.DENY : Decision.ALLOW;
    return new ExchangeRecord(UUID.randomUUID().toString(), "district", "registration", "officer-1",
        "civil-record", agreementId, 1, "welfare", "Civil Registration Act", "CASE-1", true, "citizen_id",
        "a".repeat(64), decision, List.of(), List.of("citizen_id"), 12L, outcome);
  }

  @Test
  void groupCommittedConcurrentAppendsFormOneUnbrokenChainAndExactCounts() throws Exception {
    try (var handle = new LedgerGroupCommitHandle();
        var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      LedgerService grouped = groupCommitted(handle);
      List<java.util.concurrent.Future<LedgerEntry>> appended = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String outcome = i % 10 == 0 ? "denied" : i % 10 == 1 ? "extract_issued" : "served";
        appended.add(clients.submit(() -> grouped.append(record("agr-1", outcome),
            new DecisionRecord("wasm", "{}", "{}"))));
      }
      java.util.Set<Long> seqs = new java.util.HashSet<>();
      for (var f : appended) {
        LedgerEntry entry = f.get();
        // Returned only once committed: the entry is already readable by anyone else.
        assertThat(ledger.entry(entry.id())).isPresent();
        seqs.add(entry.seq());
      }
      assertThat(seqs).hasSize(300);
    }
    ChainVerification result = ledger.verify();
    assertThat(result.valid()).as("%s", result.firstBroken()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(300);
    assertThat(LedgerTestSupport.unsent(jdbc)).as("all 300 wait for the relay").isEqualTo(300);
    assertThat(ledger.servedUnderAgreementSince("agr-1", TODAY)).isEqualTo(270);
    assertThat(ledger.countUnderAgreementSince("agr-1", "denied", TODAY)).isEqualTo(30);
    assertThat(ledger.countUnderAgreementSince("agr-1", "extract_issued", TODAY)).isEqualTo(30);
    // Any other instant is answered by counting rows, and agrees.
    assertThat(ledger.servedUnderAgreementSince("agr-1", TODAY.plusMillis(1))).isEqualTo(270);
  }

  @Test
  void theWriterLingersForMoreEntriesOnlyWhileOthersAreWaiting() throws Exception {
    try (var handle = new LedgerGroupCommitHandle(Duration.ofMillis(500));
        var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      LedgerService grouped = groupCommitted(handle);
      // A lone append (a quiet hub) is committed at once, not after the linger.
      long start = System.nanoTime();
      grouped.append(record("agr-4", "served"), new DecisionRecord("wasm", "{}", "{}"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(450));
      // Appends that arrive together: once two wait, the writer collects for up to 500 ms, so 20
      // go in a few transactions. (The writer may take the very first alone, and the next batch
      // may start with one more before the rest have queued; hence at most 3, not 1.)
      var gate = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<LedgerEntry>> appended = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        appended.add(clients.submit(() -> {
          gate.await();
          return grouped.append(record("agr-4", "served"), new DecisionRecord("wasm", "{}", "{}"));
        }));
      }
      gate.countDown();
      for (var f : appended) {
        f.get();
      }
      var batches = handle.meters.get("gdx.ledger.group-commit.entries").summary();
      assertThat(batches.totalAmount()).isEqualTo(21);
      assertThat(batches.count()).as("transactions for 1 + 20 entries").isBetween(2L, 4L);
    }
    assertThat(ledger.verify().valid()).isTrue();
    assertThat(ledger.servedUnderAgreementSince("agr-4", TODAY)).isEqualTo(21);
  }

  @Test
  void aSingleCallerAppendingOneAfterAnotherIsNotKeptWaitingForTheLinger() throws Exception {
    // Fast sequential appends look like a busy hub, so the writer starts lingering for lone
    // entries; but a caller that waits the linger arrives at most once per linger, which ends
    // the busy estimate within a window. After a first half second, a writer that lingered for
    // every append would take at most 10 in the next second.
    int appended = 0;
    int inLastSecond = 0;
    try (var handle = new LedgerGroupCommitHandle(Duration.ofMillis(100))) {
      LedgerService grouped = groupCommitted(handle);
      long start = System.nanoTime();
      long countFrom = start + Duration.ofMillis(500).toNanos();
      long end = countFrom + Duration.ofSeconds(1).toNanos();
      for (long now = start; now < end; now = System.nanoTime()) {
        grouped.append(record("agr-5", "served"), new DecisionRecord("wasm", "{}", "{}"));
        appended++;
        if (now >= countFrom) {
          inLastSecond++;
        }
      }
      assertThat(inLastSecond).isGreaterThan(15);
      assertThat(handle.meters.get("gdx.ledger.group-commit.entries").summary().count()).isEqualTo(appended);
    }
    assertThat(ledger.servedUnderAgreementSince("agr-5", TODAY)).isEqualTo(appended);
  }

  @Test
  void usageCountsIncludeEntriesWrittenBeforeTheCountsExisted() {
    for (int i = 0; i < 5; i++) {
      tx.execute(s -> ledger.append(record("agr-2", "served"), new DecisionRecord("wasm", "{}", "{}")));
    }
    tx.execute(s -> ledger.append(record("agr-2", "denied"), new DecisionRecord("wasm", "{}", "{}")));
    // As if these entries predated migration V70: no counts yet, so the ledger rows are counted.
    jdbc.sql("delete from ledger_usage_count").update();
    assertThat(ledger.servedUnderAgreementSince("agr-2", TODAY)).isEqualTo(5);
    // The day's first append seeds every outcome of the day from the ledger itself.
    tx.execute(s -> ledger.append(record("agr-2", "served"), new DecisionRecord("wasm", "{}", "{}")));
    assertThat(jdbc.sql("select entries from ledger_usage_count where agreement_id = 'agr-2' and outcome = 'served'")
        .query(Long.class).single()).isEqualTo(6);
    assertThat(ledger.servedUnderAgreementSince("agr-2", TODAY)).isEqualTo(6);
    assertThat(ledger.countUnderAgreementSince("agr-2", "denied", TODAY)).isEqualTo(1);
    assertThat(ledger.servedUnderAgreementSince("other-agreement", TODAY)).isZero();
  }

  @Test
  void aFailedEntryInAGroupFailsOnlyItsOwnCaller() throws Exception {
    LedgerEntry first = append("district", "civil-record", Decision.ALLOW);
    try (var handle = new LedgerGroupCommitHandle();
        var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      LedgerService grouped = groupCommitted(handle);
      List<java.util.concurrent.Future<LedgerEntry>> appended = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ExchangeRecord r = i == 20
            ? new ExchangeRecord(first.exchange().requestId(), "district", "registration", "o", "civil-record", null,
                null, "welfare", "", null, false, "citizen_id", null, Decision.DENY, List.of(), List.of(), null, "denied")
            : record("agr-3", "served");
        appended.add(clients.submit(() -> grouped.append(r, new DecisionRecord("wasm", "{}", "{}"))));
      }
      int failed = 0;
      for (var f : appended) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(LedgerUnavailableException.class);
          failed++;
        }
      }
      assertThat(failed).isEqualTo(1);
    }
    assertThat(ledger.count()).isEqualTo(40);
    assertThat(ledger.verify().valid()).isTrue();
    assertThat(ledger.servedUnderAgreementSince("agr-3", TODAY)).isEqualTo(39);
  }

  private List<LedgerEntry> search(String agency, String dataset, String decision, Instant from, Instant to) {
    return ledger.search(new LedgerQuery(agency, null, null, dataset, decision, from, to, 100, 0));
  }
}
