package org.gdxhub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.Agency.AgencyUnit;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.AgreementStatus;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.connectors.SubjectChanged;
import org.gdxhub.demo.DemoData;
import org.gdxhub.events.internal.JdbcSubscriptionStore;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerQuery;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.ledger.LedgerUnavailableException;
import org.gdxhub.policy.internal.OpaServerPolicyEngine;
import org.gdxhub.security.SubjectPseudonymizer;
import org.gdxhub.testsupport.OpaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Governed delivery of the population registry's change events on the running hub with the
 * embedded transport (the demo registry and the hub in one JVM): the exchange policy decides
 * every delivery, every decision is ledgered, only released fields reach a unit's feed, once
 * per event. Subclasses choose the system of record (H2 file, PostgreSQL); the same over a real
 * Kafka broker and HTTP is {@link GovernedSubscriptionIT}.
 */
@SpringBootTest
abstract class EventDeliveryContract {

  static final String OTHER_AGENCY = "samphanthawong-district-office";
  static final String CASE_REF = "BR-WELFARE-2569-014";
  static final AtomicInteger NEXT_CITIZEN = new AtomicInteger();

  @Autowired
  SubscriptionService subscriptions;
  @Autowired
  EventDeliveryService delivery;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  LedgerService ledger;
  @Autowired
  SubjectPseudonymizer pseudonymizer;
  @Autowired
  CatalogService catalog;
  @Autowired
  AgreementService agreements;
  @Autowired
  JdbcSubscriptionStore store;
  @Autowired
  PlatformTransactionManager transactions;
  @Autowired
  MeterRegistry meters;
  @Autowired
  Clock clock;
  @Autowired
  CamelContext camel;

  final CallerIdentity bangrak = new CallerIdentity(DemoData.CONSUMER, "community-development", "officer-014",
      Set.of("consumer_officer"));
  final CallerIdentity other = new CallerIdentity(OTHER_AGENCY, "registration", "officer-900", Set.of("consumer_officer"));

  @BeforeEach
  void otherAgencyWithoutAnAgreement() {
    if (catalog.agency(OTHER_AGENCY).isEmpty()) {
      catalog.registerAgency(new Agency(OTHER_AGENCY, "สำนักงานเขตสัมพันธวงศ์", "Samphanthawong District Office",
          "Bangkok Metropolitan Administration", List.of(new AgencyUnit("registration", "ฝ่ายทะเบียน",
              "Registration Section"))));
    }
  }

  @Test
  void anAgencyWithAnAgreementGetsTheDeathEventOneWithoutGetsNothingAndBothAreLedgered() {
    String citizen = nextCitizen();
    Subscription mine = subscriptions.subscribe(bangrak, deathsOf(citizen));
    Subscription theirs = subscriptions.subscribe(other, deathsOf(citizen));

    String eventId = registry.recordDeath(citizen, LocalDate.of(2026, 11, 20));

    assertThat(await(() -> subscriptions.subscription(other, theirs.id()).denied() == 1
        && subscriptions.feed(bangrak, mine.id(), 0, 10).events().size() == 1)).as("both decided").isTrue();
    DeliveredEvent received = subscriptions.feed(bangrak, mine.id(), 0, 10).events().getFirst();
    assertThat(received.eventId()).isEqualTo(eventId);
    assertThat(received.eventType()).isEqualTo("death_recorded");
    assertThat(received.record()).containsOnlyKeys("event_id", "event_type", "citizen_id", "occurred_on", "date_of_death")
        .containsEntry("citizen_id", citizen).containsEntry("date_of_death", "2026-11-20");
    assertThat(subscriptions.feed(other, theirs.id(), 0, 10).events()).isEmpty();
    // Without an agreement there is no online access either: the policy names both.
    assertThat(subscriptions.subscription(other, theirs.id()).lastDenialReasons())
        .containsExactlyInAnyOrder("no_agreement", "card_not_present");

    List<LedgerEntry> entries = ledgered(citizen);
    assertThat(entries).hasSize(2);
    ExchangeRecord allowed = only(entries, DemoData.CONSUMER);
    assertThat(allowed.decision()).isEqualTo(ExchangeRecord.Decision.ALLOW);
    assertThat(allowed.outcome()).isEqualTo(EventDeliveryService.DELIVERED);
    // What left the hub: the granted fields the death event has (a death has no new address).
    assertThat(allowed.fieldsReleased()).containsExactly("event_id", "event_type", "citizen_id", "occurred_on",
        "date_of_death");
    assertThat(allowed.unit()).isEqualTo("community-development");
    assertThat(allowed.officer()).isEqualTo("officer-014");
    assertThat(allowed.caseRef()).isEqualTo(CASE_REF);
    assertThat(allowed.cardPresent()).isFalse();
    assertThat(allowed.requestId()).isNotBlank();
    assertThat(received.ledgerEntryId()).isEqualTo(entries.stream()
        .filter(e -> e.exchange().agency().equals(DemoData.CONSUMER)).findFirst().orElseThrow().id());
    ExchangeRecord denied = only(entries, OTHER_AGENCY);
    assertThat(denied.decision()).isEqualTo(ExchangeRecord.Decision.DENY);
    assertThat(denied.outcome()).isEqualTo(EventDeliveryService.NOT_DELIVERED);
    assertThat(denied.reasons()).extracting(r -> r.code()).contains("no_agreement");
    assertThat(denied.fieldsReleased()).isEmpty();
    assertThat(entries.toString()).doesNotContain(citizen);
    assertThat(ledger.decision(allowed.requestId()).orElseThrow().inputJson()).doesNotContain(citizen)
        .contains("\"card_present\":false");
    assertThat(ledger.verify().valid()).isTrue();
  }

  @Test
  void theSameEventTwiceOrAtOnceIsDecidedAndDeliveredOnce() throws Exception {
    String citizen = nextCitizen();
    Subscription mine = subscriptions.subscribe(bangrak, deathsOf(citizen));
    SubjectChanged event = death(citizen, UUID.randomUUID().toString());

    assertThat(delivery.deliver(event)).singleElement()
        .satisfies(d -> assertThat(d.outcome()).isEqualTo(EventDeliveryService.DELIVERED));
    assertThat(delivery.deliver(event)).as("a redelivery is skipped").isEmpty();
    SubjectChanged again = death(citizen, UUID.randomUUID().toString());
    int racers = 4;
    CountDownLatch start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(racers);
    List<Future<Integer>> decided = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      Callable<Integer> racer = () -> {
        start.await();
        return delivery.deliver(again).size();
      };
      decided.add(pool.submit(racer));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> f : decided) {
      total += f.get();
    }
    pool.shutdown();

    assertThat(total).as("concurrent consumers: one decision").isEqualTo(1);
    assertThat(subscriptions.feed(bangrak, mine.id(), 0, 10).events()).extracting(DeliveredEvent::eventId)
        .containsExactly(event.eventId(), again.eventId());
    assertThat(ledgered(citizen)).hasSize(2);
    assertThat(meters.counter(EventDeliveryService.METER, "dataset", DemoData.EVENTS_DATASET, "outcome", "duplicate")
        .count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void eventsOfOtherTypesSubjectsOutOfScopeAndCancelledSubscriptionsLeaveNoTrace() {
    String citizen = nextCitizen();
    String stranger = nextCitizen();
    Subscription deathsOnly = subscriptions.subscribe(bangrak, deathsOf(citizen));
    Subscription cancelled = subscriptions.subscribe(bangrak, new CreateSubscription(DemoData.EVENTS_DATASET,
        DemoData.PURPOSE, null, CASE_REF, null, List.of(), List.of(), List.of(citizen)));
    subscriptions.cancel(bangrak, cancelled.id());

    assertThat(delivery.deliver(move(citizen))).as("not a wanted type").isEmpty();
    assertThat(delivery.deliver(death(stranger, UUID.randomUUID().toString()))).as("not in any scope").isEmpty();
    assertThat(ledgered(citizen)).isEmpty();
    assertThat(ledgered(stranger)).isEmpty();
    assertThat(subscriptions.subscription(bangrak, deathsOnly.id()).delivered()).isZero();
    assertThatThrownBy(() -> subscriptions.cancel(bangrak, cancelled.id()))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
  }

  @Test
  void onlyTheFieldsTheAgreementGrantsAndTheSubscriptionAsksForAreDelivered() {
    String citizen = nextCitizen();
    Subscription narrow = subscriptions.subscribe(bangrak, new CreateSubscription(DemoData.EVENTS_DATASET,
        DemoData.PURPOSE, null, CASE_REF, null, List.of(), List.of("citizen_id", "to_address"), List.of(citizen)));
    Subscription greedy = subscriptions.subscribe(bangrak, new CreateSubscription(DemoData.EVENTS_DATASET,
        DemoData.PURPOSE, null, CASE_REF, null, List.of(), List.of("citizen_id", "to_house_id"), List.of(citizen)));
    Subscription noCase = subscriptions.subscribe(bangrak, new CreateSubscription(DemoData.EVENTS_DATASET,
        DemoData.PURPOSE, null, "", null, List.of(), List.of(), List.of(citizen)));

    delivery.deliver(move(citizen));

    assertThat(subscriptions.feed(bangrak, narrow.id(), 0, 10).events()).singleElement()
        .satisfies(e -> assertThat(e.record()).containsOnlyKeys("citizen_id", "to_address"));
    assertThat(subscriptions.subscription(bangrak, greedy.id()).lastDenialReasons()).containsExactly("field_not_granted");
    assertThat(subscriptions.subscription(bangrak, noCase.id()).lastDenialReasons()).containsExactly("case_ref_required");
    assertThat(ledgered(citizen)).extracting(e -> e.exchange().outcome())
        .containsExactlyInAnyOrder("delivered", "not_delivered", "not_delivered");
  }

  @Test
  void anAgreementSuspendedAfterSubscribingStopsTheEventsAtOnce() {
    String citizen = nextCitizen();
    Subscription mine = subscriptions.subscribe(bangrak, deathsOf(citizen));
    Agreement agreement = agreements.agreements(DemoData.CONSUMER, DemoData.EVENTS_DATASET).getFirst();
    CallerIdentity owner = new CallerIdentity(DemoData.OWNER, "registration-bureau", "steward-001", Set.of());
    Agreement suspended = agreements.changeStatus(owner, agreement.id(), agreement.version(), AgreementStatus.SUSPENDED);
    try {
      delivery.deliver(death(citizen, UUID.randomUUID().toString()));
    } finally {
      agreements.changeStatus(owner, agreement.id(), suspended.version(), AgreementStatus.APPROVED);
    }
    assertThat(subscriptions.feed(bangrak, mine.id(), 0, 10).events()).isEmpty();
    assertThat(subscriptions.subscription(bangrak, mine.id()).lastDenialReasons()).contains("agreement_not_approved");
  }

  @Test
  void withoutAPolicyDecisionNothingIsDecidedAndTheEventComesBackLater() {
    String citizen = nextCitizen();
    Subscription mine = subscriptions.subscribe(bangrak, deathsOf(citizen));
    var deadOpa = new OpaServerPolicyEngine(URI.create("http://127.0.0.1:" + OpaServer.freePort()),
        Duration.ofMillis(300), JsonMapper.builder().build());
    var withoutPolicy = new EventDeliveryService(store, catalog, agreements, deadOpa, ledger, pseudonymizer,
        transactions, meters, clock);
    SubjectChanged event = death(citizen, UUID.randomUUID().toString());

    assertThatThrownBy(() -> withoutPolicy.deliver(event)).isInstanceOfSatisfying(HubException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.POLICY_UNAVAILABLE));
    assertThat(ledgered(citizen)).isEmpty();
    assertThat(store.decided(mine.id(), event.eventId())).isFalse();

    assertThat(delivery.deliver(event)).as("redelivered once the policy answers").hasSize(1);
  }

  @Test
  void aSubscriptionIsOnlyItsUnitsAndItsScopeOnlyValidIds() {
    String citizen = nextCitizen();
    Subscription mine = subscriptions.subscribe(bangrak, deathsOf(citizen));
    CallerIdentity otherUnit = new CallerIdentity(DemoData.CONSUMER, "revenue", "officer-002", Set.of());

    assertThatThrownBy(() -> subscriptions.feed(otherUnit, mine.id(), 0, 10)).isInstanceOfSatisfying(HubException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_SUBSCRIPTION));
    assertThat(subscriptions.subscriptions(otherUnit)).extracting(Subscription::id).doesNotContain(mine.id());
    assertThat(subscriptions.subscriptions(bangrak)).extracting(Subscription::id).contains(mine.id());
    assertThatThrownBy(() -> subscriptions.subscribe(bangrak, new CreateSubscription(DemoData.EVENTS_DATASET,
        DemoData.PURPOSE, null, CASE_REF, null, List.of(), List.of(), List.of(citizen, "1005662330475"))))
        .isInstanceOfSatisfying(HubException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SUBJECT_ID);
          assertThat(e.properties()).containsEntry("positions", List.of(1));
          assertThat(e.getMessage()).doesNotContain("1005662330475");
        });
    assertThatThrownBy(() -> subscriptions.subscribe(bangrak, new CreateSubscription(DemoData.DATASET,
        DemoData.PURPOSE, null, CASE_REF, null, List.of(), List.of(), List.of(citizen))))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));

    String another = nextCitizen();
    assertThat(subscriptions.addSubjects(bangrak, mine.id(), new SubjectsChange(List.of(citizen, another))))
        .containsEntry("added", 1L).containsEntry("subjects", 2L);
    assertThat(subscriptions.removeSubjects(bangrak, mine.id(), new SubjectsChange(List.of(citizen))))
        .containsEntry("removed", 1L).containsEntry("subjects", 1L);
    assertThat(delivery.deliver(death(citizen, UUID.randomUUID().toString()))).as("removed from scope").isEmpty();
    assertThat(delivery.deliver(death(another, UUID.randomUUID().toString()))).hasSize(1);
  }

  @Test
  void aDeliveryThatFailsIsRetriedThenRedeliveredAndDecidedOnce() throws Exception {
    AtomicInteger failures = new AtomicInteger(5); // beyond the route's 3 retries: back to the registry's outbox
    AdviceWith.adviceWith(camel, "population-registry.change-events", route -> route
        .weaveById("population-registry.change-events.deliver").before().process(exchange -> {
          if (failures.getAndDecrement() > 0) {
            throw new LedgerUnavailableException(new IllegalStateException("the ledger is down (test)"));
          }
        }));
    String citizen = nextCitizen();
    Subscription mine = subscriptions.subscribe(bangrak, deathsOf(citizen));

    String eventId = registry.recordDeath(citizen, LocalDate.of(2026, 11, 22));

    assertThat(await(() -> subscriptions.feed(bangrak, mine.id(), 0, 10).events().size() == 1)).isTrue();
    assertThat(failures.get()).isNegative();
    assertThat(subscriptions.feed(bangrak, mine.id(), 0, 10).events().getFirst().eventId()).isEqualTo(eventId);
    assertThat(ledgered(citizen)).hasSize(1);
  }

  @Test
  void expiredContentIsErasedOnSchedule() {
    assertThat(camel.getRoute("events.purge-deliveries")).isNotNull();
    String citizen = nextCitizen();
    Subscription mine = subscriptions.subscribe(bangrak, deathsOf(citizen));
    delivery.deliver(death(citizen, UUID.randomUUID().toString()));
    assertThat(subscriptions.eraseExpired()).as("nothing is 30 days old").isZero();
    assertThat(subscriptions.feed(bangrak, mine.id(), 0, 10).events()).hasSize(1);
  }

  // --- helpers ------------------------------------------------------------------------------

  String nextCitizen() {
    List<String> living = registry.sampleLivingCitizenIds(200);
    return living.get(living.size() - 1 - NEXT_CITIZEN.getAndIncrement());
  }

  static CreateSubscription deathsOf(String citizen) {
    return new CreateSubscription(DemoData.EVENTS_DATASET, DemoData.PURPOSE, null, CASE_REF, null,
        List.of("death_recorded"), List.of(), List.of(citizen));
  }

  static SubjectChanged death(String citizen, String eventId) {
    return new SubjectChanged("population-registry", DemoData.EVENTS_DATASET, eventId, "death_recorded", "citizen_id",
        citizen, Map.of("event_id", eventId, "event_type", "death_recorded", "citizen_id", citizen,
            "occurred_on", "2026-11-20", "recorded_at", "2026-11-21T02:00:00Z", "date_of_death", "2026-11-20"));
  }

  static SubjectChanged move(String citizen) {
    String eventId = UUID.randomUUID().toString();
    return new SubjectChanged("population-registry", DemoData.EVENTS_DATASET, eventId, "address_moved", "citizen_id",
        citizen, Map.of("event_id", eventId, "event_type", "address_moved", "citizen_id", citizen,
            "occurred_on", "2026-11-21", "from_house_id", "10000007919", "to_house_id", "10000015838",
            "to_address", "12/3 ม.4 ต.สีลม อ.บางรัก จ.กรุงเทพมหานคร 10500"));
  }

  List<LedgerEntry> ledgered(String citizen) {
    String pseudonym = pseudonymizer.pseudonym("citizen_id", citizen);
    return ledger.search(new LedgerQuery(null, null, null, DemoData.EVENTS_DATASET, null, null, null,
            LedgerQuery.MAX_LIMIT, 0)).stream()
        .filter(e -> pseudonym.equals(e.exchange().subjectPseudonym())).toList();
  }

  static ExchangeRecord only(List<LedgerEntry> entries, String agency) {
    return entries.stream().map(LedgerEntry::exchange).filter(e -> e.agency().equals(agency)).findFirst().orElseThrow();
  }

  static boolean await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
