package org.gdxhub.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.JsonText;
import org.gdxhub.common.SubjectId;
import org.gdxhub.common.TimeOrderedIds;
import org.gdxhub.connectors.ChangeEventHandler;
import org.gdxhub.connectors.SubjectChanged;
import org.gdxhub.events.internal.DeliveryPolicyInputs;
import org.gdxhub.events.internal.JdbcSubscriptionStore.Delivery;
import org.gdxhub.events.internal.JdbcSubscriptionStore;
import org.gdxhub.ledger.DecisionRecord;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyEngine;
import org.gdxhub.policy.PolicyInput;
import org.gdxhub.security.SubjectPseudonymizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The governed delivery of an owner's change event: for each active subscription whose scope
 * holds the event's subject (matched by pseudonym) and that wants its type, the exchange
 * policy decides as for a lookup; the decision is ledgered (outcome {@code delivered} or
 * {@code not_delivered}, with reasons) in the same transaction as the delivery row, and only an
 * allowed event, projected to the released fields, enters the unit's feed. Nothing is
 * delivered without an allow decision and a ledger entry.
 *
 * <p>Idempotent by event id: a (subscription, event) decided once is skipped, and the
 * delivery row's unique key settles a race between two consumers. When no policy engine
 * answers, or the ledger cannot be written, nothing is decided and this throws, so the event
 * is retried and redelivered rather than denied for good. Subjects outside every scope leave
 * no trace: the hub exchanged nothing about them.
 */
@Service
public class EventDeliveryService implements ChangeEventHandler {

  /** Ledger outcome of a change event placed in a unit's feed. */
  public static final String DELIVERED = "delivered";
  /** Ledger outcome of a change event the policy denied: not delivered (decision {@code deny}, with reasons). */
  public static final String NOT_DELIVERED = "not_delivered";
  /** Micrometer counter of delivery decisions, tags {@code dataset} and {@code outcome} (also {@code duplicate}). */
  public static final String METER = "gdx.events.deliveries";

  private static final Logger log = LoggerFactory.getLogger(EventDeliveryService.class);

  private final JdbcSubscriptionStore store;
  private final CatalogService catalog;
  private final AgreementService agreements;
  private final PolicyEngine policy;
  private final LedgerService ledger;
  private final SubjectPseudonymizer pseudonymizer;
  private final TransactionTemplate tx;
  private final MeterRegistry meters;
  private final Clock clock;
  private final DeliveryPolicyInputs inputs = new DeliveryPolicyInputs();

  public EventDeliveryService(JdbcSubscriptionStore store, CatalogService catalog, AgreementService agreements,
      PolicyEngine policy, LedgerService ledger, SubjectPseudonymizer pseudonymizer,
      PlatformTransactionManager transactions, MeterRegistry meters, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.agreements = agreements;
    this.policy = policy;
    this.ledger = ledger;
    this.pseudonymizer = pseudonymizer;
    this.tx = new TransactionTemplate(transactions);
    this.meters = meters;
    this.clock = clock;
  }

  /** What happened to one event for one subscription. */
  public record Decided(String subscriptionId, String eventId, String outcome, List<String> reasonCodes,
      String ledgerEntryId) {}

  @Override
  public void handle(SubjectChanged event) {
    deliver(event);
  }

  /** Decides and delivers the event to every subscription in scope; the decisions taken now (not earlier duplicates). */
  public List<Decided> deliver(SubjectChanged event) {
    String pseudonym = pseudonymizer.pseudonym(event.subjectType(), event.subjectId());
    List<Subscription> inScope = store.activeInScope(event.datasetId(), pseudonym).stream()
        .filter(s -> s.wants(event.eventType())).toList();
    if (inScope.isEmpty()) {
      return List.of();
    }
    Dataset dataset = catalog.dataset(event.datasetId()).orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_DATASET,
        "no dataset " + event.datasetId() + " for change events of " + event.stream()));
    List<Decided> decided = new ArrayList<>();
    for (Subscription subscription : inScope) {
      if (store.decided(subscription.id(), event.eventId())) {
        count(dataset.id(), "duplicate");
        continue;
      }
      decide(subscription, dataset, event, pseudonym).ifPresent(decided::add);
    }
    return decided;
  }

  private Optional<Decided> decide(Subscription s, Dataset dataset, SubjectChanged event, String pseudonym) {
    Instant now = clock.instant();
    Agreement agreement = agreementFor(s, dataset, now);
    long usageToday = agreement == null ? 0 : ledger.countUnderAgreementSince(agreement.id(), DELIVERED,
        now.atZone(DeliveryPolicyInputs.HUB_ZONE).toLocalDate().atStartOfDay(DeliveryPolicyInputs.HUB_ZONE).toInstant());
    boolean subjectValid = SubjectId.isValidThirteenDigit(event.subjectId());
    PolicyInput input = inputs.build(s, dataset, agreement, event.subjectType(), subjectValid, usageToday, now);
    PolicyDecision decision = policy.decide(input);
    if (!decision.allow() && decision.reasonCodes().contains(PolicyDecision.POLICY_UNAVAILABLE)) {
      // No engine answered: that is no decision. Retried, then redelivered; never denied for good.
      throw new HubException(ErrorCode.POLICY_UNAVAILABLE, "no policy decision for change event " + event.eventId()
          + " (subscription " + s.id() + "); it will be redelivered");
    }
    Map<String, Object> released = decision.allow() ? project(event.record(), decision.fields(), dataset) : Map.of();
    List<String> releasedNames = List.copyOf(released.keySet());
    String requestId = TimeOrderedIds.next();
    String outcome = decision.allow() ? DELIVERED : NOT_DELIVERED;
    var exchange = new ExchangeRecord(requestId, s.agency(), s.unit(), s.officer(), dataset.id(),
        agreement == null ? null : agreement.id(), agreement == null ? null : agreement.version(), s.purpose(),
        s.legalBasis(), s.caseRef(), false, event.subjectType(), pseudonym,
        decision.allow() ? ExchangeRecord.Decision.ALLOW : ExchangeRecord.Decision.DENY, decision.reasons(),
        releasedNames, null, outcome);
    var decisionRecord = new DecisionRecord(policy.name(), JsonText.write(input), JsonText.write(decision));
    LedgerEntry entry;
    try {
      entry = tx.execute(status -> {
        LedgerEntry appended = ledger.append(exchange, decisionRecord);
        store.insertDelivery(new Delivery(s.id(), event.eventId(), event.eventType(), requestId, appended.id(),
            decision.allow(), decision.reasonCodes(), released, appended.recordedAt()));
        return appended;
      });
    } catch (DuplicateKeyException e) {
      // Another consumer decided this (subscription, event) first; its entry and row stand, ours rolled back.
      count(dataset.id(), "duplicate");
      return Optional.empty();
    }
    count(dataset.id(), outcome);
    log.info("change event {} ({}) for subscription {} of {}/{}: {} {}", event.eventId(), event.eventType(), s.id(),
        s.agency(), s.unit(), outcome, decision.allow() ? releasedNames : decision.reasonCodes());
    return Optional.of(new Decided(s.id(), event.eventId(), outcome, decision.reasonCodes(), entry.id()));
  }

  private Agreement agreementFor(Subscription s, Dataset dataset, Instant now) {
    if (s.agreementId() != null) {
      return agreements.agreement(s.agreementId()).orElse(null);
    }
    return agreements.agreementForLookup(s.agency(), dataset.id(), now.atZone(DeliveryPolicyInputs.HUB_ZONE)
        .toLocalDate()).orElse(null);
  }

  /** Only policy-released fields, in the dataset's field order; fields the event lacks are left out. */
  private static Map<String, Object> project(Map<String, Object> record, List<String> releasedFields, Dataset dataset) {
    Map<String, Object> released = new LinkedHashMap<>();
    for (String field : dataset.fieldNames()) {
      if (releasedFields.contains(field) && record.containsKey(field)) {
        released.put(field, record.get(field));
      }
    }
    return released;
  }

  private void count(String dataset, String outcome) {
    meters.counter(METER, "dataset", dataset, "outcome", outcome).increment();
  }
}
