package org.gdxhub.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.gdxhub.common.TimeOrderedIds;
import org.gdxhub.ledger.ExchangeRecord.Decision;
import org.gdxhub.policy.PolicyDecision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Shared helpers of the ledger tests: a settable clock, appends, waiting. */
final class LedgerTestSupport {

  private LedgerTestSupport() {}

  /** A clock that stands still until told to move. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  static ExchangeRecord record(int i) {
    boolean allow = i % 4 != 0;
    return new ExchangeRecord(TimeOrderedIds.next(), "bangrak-district-office", i % 2 == 0 ? "registration" : "revenue",
        "officer-" + (i % 7), "civil-record", "agr-1", 1, "welfare-registration", "Civil Registration Act", "CASE-" + i,
        i % 3 == 0, "citizen_id", "%064x".formatted(i), allow ? Decision.ALLOW : Decision.DENY,
        allow ? List.of() : List.of(new PolicyDecision.Reason("purpose_not_in_agreement", "not in the agreement")),
        allow ? List.of("citizen_id", "first_name_th") : List.of(), allow ? 12L : null, allow ? "served" : "denied");
  }

  static List<LedgerEntry> append(LedgerService ledger, TransactionTemplate tx, int n) {
    List<LedgerEntry> appended = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ExchangeRecord r = record(i);
      appended.add(tx.execute(s -> ledger.append(r, new DecisionRecord("wasm", "{}", "{}"))));
    }
    return appended;
  }

  static List<String> ledgerIds(JdbcClient jdbc) {
    return jdbc.sql("select id from ledger_entry order by seq").query(String.class).list();
  }

  static long unsent(JdbcClient jdbc) {
    return jdbc.sql("select count(*) from ledger_entry where seq > (select last_seq from ledger_relay_cursor)")
        .query(Long.class).single();
  }

  /** Waits up to {@code timeout} for the condition; false if it never held. */
  static boolean await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
