package org.gdxhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gdxhub.events.internal.JdbcSubscriptionStore;
import org.gdxhub.events.internal.JdbcSubscriptionStore.Delivery;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The subscription store against a real system-of-record database (Flyway-migrated, V40):
 * scopes held as pseudonyms, matching by pseudonym, one decision per (subscription, event)
 * even under concurrent consumers, the feed by seq, and erasing expired content.
 * Subclasses supply H2 or PostgreSQL.
 */
abstract class SubscriptionStoreContract {

  static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
  static final String DATASET = "civil-registration-events";

  TestDatabase db;
  JdbcClient jdbc;
  JdbcSubscriptionStore store;
  TransactionTemplate tx;

  protected abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    jdbc = JdbcClient.create(db.ds());
    store = new JdbcSubscriptionStore(jdbc);
    tx = new TransactionTemplate(new DataSourceTransactionManager(db.ds()));
    for (String agency : List.of("central-registration-office", "bangrak-district-office", "other-office")) {
      jdbc.sql("insert into agency (code, name_th, name_en) values (?, ?, ?)").params(agency, agency, agency).update();
    }
    for (String dataset : List.of(DATASET, "other-events")) {
      jdbc.sql("""
          insert into dataset (id, title_th, title_en, owner_agency, classification, legal_basis, status, connector,
              version, created_at, updated_at)
          values (?, 't', 't', 'central-registration-office', 'personal', 'Act', 'published', 'x', 1, ?, ?)""")
          .params(dataset, T0.atOffset(ZoneOffset.UTC), T0.atOffset(ZoneOffset.UTC)).update();
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void aSubscriptionReadsBackWithItsScopeAndCounts() {
    Subscription s = subscription("bangrak-district-office", DATASET, List.of("death_recorded"));
    store.insert(s);
    assertThat(store.addSubjects(s.id(), List.of("p1", "p2", "p2"), T0)).isEqualTo(2);
    assertThat(store.addSubjects(s.id(), List.of("p2", "p3"), T0)).as("p2 is already in scope").isEqualTo(1);
    assertThat(store.removeSubjects(s.id(), List.of("p1", "p9"))).isEqualTo(1);

    Subscription read = store.find(s.id()).orElseThrow();
    assertThat(read.subjects()).isEqualTo(2);
    assertThat(read).usingRecursiveComparison().ignoringFields("subjects").isEqualTo(s);
    assertThat(store.ofUnit("bangrak-district-office", "registration")).extracting(Subscription::id).containsExactly(s.id());
    assertThat(store.ofUnit("bangrak-district-office", "revenue")).isEmpty();
  }

  @Test
  void onlyActiveSubscriptionsToTheDatasetWithTheSubjectInScopeMatch() {
    Subscription a = insertWith("bangrak-district-office", DATASET, "p1");
    Subscription b = insertWith("other-office", DATASET, "p1");
    insertWith("bangrak-district-office", DATASET, "p2");
    insertWith("bangrak-district-office", "other-events", "p1");
    Subscription cancelled = insertWith("other-office", DATASET, "p1");
    assertThat(store.cancel(cancelled.id(), T0.plusSeconds(5))).isTrue();
    assertThat(store.cancel(cancelled.id(), T0.plusSeconds(6))).as("only once").isFalse();

    assertThat(store.activeInScope(DATASET, "p1")).extracting(Subscription::id).containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(store.activeInScope(DATASET, "p3")).isEmpty();
    assertThat(store.find(cancelled.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.CANCELLED);
  }

  @Test
  void anEventIsDecidedOncePerSubscription() {
    Subscription s = insertWith("bangrak-district-office", DATASET, "p1");
    store.insertDelivery(delivery(s.id(), "e-1", true, T0));
    assertThat(store.decided(s.id(), "e-1")).isTrue();
    assertThat(store.decided(s.id(), "e-2")).isFalse();
    assertThatThrownBy(() -> store.insertDelivery(delivery(s.id(), "e-1", false, T0)))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void twoConsumersDecidingTheSameEventAtOnceLeaveOneDecision() throws Exception {
    Subscription s = insertWith("bangrak-district-office", DATASET, "p1");
    int racers = 4;
    CountDownLatch start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(racers);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      Callable<Boolean> racer = () -> {
        start.await();
        try {
          tx.executeWithoutResult(status -> store.insertDelivery(delivery(s.id(), "e-race", true, T0)));
          return true;
        } catch (DuplicateKeyException e) {
          return false;
        }
      };
      results.add(pool.submit(racer));
    }
    start.countDown();
    int won = 0;
    for (Future<Boolean> r : results) {
      won += r.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(store.feed(s.id(), 0, 10)).hasSize(1);
  }

  @Test
  void theFeedHoldsAllowedDeliveriesAfterTheCursorOldestFirst() {
    Subscription s = insertWith("bangrak-district-office", DATASET, "p1");
    Subscription other = insertWith("other-office", DATASET, "p1");
    store.insertDelivery(delivery(s.id(), "e-1", true, T0));
    store.insertDelivery(delivery(s.id(), "e-2", false, T0));
    store.insertDelivery(delivery(other.id(), "e-3", true, T0));
    store.insertDelivery(delivery(s.id(), "e-4", true, T0.plusSeconds(1)));

    List<DeliveredEvent> feed = store.feed(s.id(), 0, 10);
    assertThat(feed).extracting(DeliveredEvent::eventId).containsExactly("e-1", "e-4");
    assertThat(feed.getFirst().record()).containsEntry("event_id", "e-1").containsEntry("date_of_death", "2026-11-20");
    assertThat(feed.getFirst().deliveredAt()).isEqualTo(T0);
    assertThat(feed.get(1).seq()).isGreaterThan(feed.getFirst().seq());
    assertThat(store.feed(s.id(), feed.getFirst().seq(), 10)).extracting(DeliveredEvent::eventId).containsExactly("e-4");
    assertThat(store.feed(s.id(), 0, 1)).hasSize(1);

    Subscription counted = store.find(s.id()).orElseThrow();
    assertThat(counted.delivered()).isEqualTo(2);
    assertThat(counted.denied()).isEqualTo(1);
    assertThat(counted.lastDenialReasons()).containsExactly("no_agreement");
  }

  @Test
  void expiredContentIsErasedButTheDecisionStays() {
    Subscription s = insertWith("bangrak-district-office", DATASET, "p1");
    store.insertDelivery(delivery(s.id(), "e-old", true, T0.minusSeconds(3600)));
    store.insertDelivery(delivery(s.id(), "e-new", true, T0));

    assertThat(store.eraseContentBefore(T0.minusSeconds(60))).isEqualTo(1);
    assertThat(store.feed(s.id(), 0, 10)).extracting(DeliveredEvent::eventId).containsExactly("e-new");
    assertThat(store.decided(s.id(), "e-old")).as("still decided: a redelivery is not decided again").isTrue();
    assertThat(jdbc.sql("select count(*) from event_delivery where record is null").query(Long.class).single())
        .isEqualTo(1);
  }

  private Subscription insertWith(String agency, String dataset, String pseudonym) {
    Subscription s = subscription(agency, dataset, List.of());
    store.insert(s);
    store.addSubjects(s.id(), List.of(pseudonym), T0);
    return s;
  }

  private static Subscription subscription(String agency, String dataset, List<String> types) {
    return new Subscription(UUID.randomUUID().toString(), agency, "registration", "officer-001",
        Set.of("consumer_officer"), dataset, null, "welfare-registration", "Civil Registration Act", "BR-1", types,
        List.of("citizen_id", "date_of_death"), SubscriptionStatus.ACTIVE, T0, null, 0, 0, 0, List.of());
  }

  private static Delivery delivery(String subscriptionId, String eventId, boolean allowed, Instant at) {
    return new Delivery(subscriptionId, eventId, "death_recorded", UUID.randomUUID().toString(),
        UUID.randomUUID().toString(), allowed, allowed ? List.of() : List.of("no_agreement"),
        allowed ? Map.of("event_id", eventId, "date_of_death", "2026-11-20") : Map.of(), at);
  }

  static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
