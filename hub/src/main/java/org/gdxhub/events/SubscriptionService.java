package org.gdxhub.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.Stream;
import org.gdxhub.events.internal.JdbcSubscriptionStore;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A unit's subscriptions to event datasets: subscribe, widen or narrow the scope, cancel, and
 * read the feed of delivered events. A subscription belongs to the agency and unit that made it;
 * nobody else sees it. Subscribing needs no policy decision (nothing is released then): every
 * delivery is decided and ledgered on its own, so an agreement that lapses stops the events at once.
 */
@Service
public class SubscriptionService {

  private final JdbcSubscriptionStore store;
  private final CatalogService catalog;
  private final SubjectPseudonymizer pseudonymizer;
  private final ConnectorsProperties connectors;
  private final EventsProperties properties;
  private final Clock clock;

  public SubscriptionService(JdbcSubscriptionStore store, CatalogService catalog, SubjectPseudonymizer pseudonymizer,
      ConnectorsProperties connectors, EventsProperties properties, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.pseudonymizer = pseudonymizer;
    this.connectors = connectors;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional
  public Subscription subscribe(CallerIdentity caller, CreateSubscription command) {
    caller.requireIdentified();
    command.validated();
    if (catalog.agency(caller.agency()).isEmpty()) {
      throw new HubException(ErrorCode.UNKNOWN_AGENCY, "agency " + caller.agency() + " is not registered");
    }
    Dataset dataset = catalog.dataset(command.datasetId())
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_DATASET, "no dataset " + command.datasetId()));
    Stream stream = streamOf(dataset.id());
    List<String> unknown = command.fields().stream().filter(f -> !dataset.fieldNames().contains(f)).toList();
    if (!unknown.isEmpty()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "unknown fields " + unknown).with("fields", unknown);
    }
    List<String> pseudonyms = pseudonyms(stream, command.subjectIds());
    var subscription = new Subscription(UUID.randomUUID().toString(), caller.agency(), caller.unit(), caller.officer(),
        caller.roles(), dataset.id(), command.agreementId(), command.purpose().trim(), command.legalBasis(),
        command.caseRef(), command.eventTypes(), command.fields(), SubscriptionStatus.ACTIVE, clock.instant(), null, 0,
        0, 0, List.of());
    store.insert(subscription);
    store.addSubjects(subscription.id(), pseudonyms, clock.instant());
    return store.find(subscription.id()).orElseThrow();
  }

  @Transactional(readOnly = true)
  public List<Subscription> subscriptions(CallerIdentity caller) {
    caller.requireIdentified();
    return store.ofUnit(caller.agency(), caller.unit());
  }

  @Transactional(readOnly = true)
  public Subscription subscription(CallerIdentity caller, String id) {
    return owned(caller, id);
  }

  @Transactional
  public Subscription cancel(CallerIdentity caller, String id) {
    owned(caller, id);
    if (!store.cancel(id, clock.instant())) {
      throw new HubException(ErrorCode.INVALID_STATE, "the subscription is already cancelled");
    }
    return store.find(id).orElseThrow();
  }

  /** Adds subjects to the scope; answers how many were new and the scope's size. */
  @Transactional
  public Map<String, Long> addSubjects(CallerIdentity caller, String id, SubjectsChange change) {
    Subscription s = active(caller, id);
    List<String> pseudonyms = pseudonyms(streamOf(s.datasetId()), change.subjectIds());
    int added = store.addSubjects(id, pseudonyms, clock.instant());
    long subjects = store.subjectCount(id);
    if (subjects > properties.maxSubjects()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "a subscription holds at most " + properties.maxSubjects()
          + " subjects");
    }
    return Map.of("added", (long) added, "subjects", subjects);
  }

  /** Removes subjects from the scope; answers how many were removed and the scope's size. */
  @Transactional
  public Map<String, Long> removeSubjects(CallerIdentity caller, String id, SubjectsChange change) {
    Subscription s = owned(caller, id);
    List<String> pseudonyms = pseudonyms(streamOf(s.datasetId()), change.subjectIds());
    int removed = store.removeSubjects(id, pseudonyms);
    return Map.of("removed", (long) removed, "subjects", store.subjectCount(id));
  }

  /** The delivered events after {@code after}, oldest first; also after cancelling, until they expire. */
  @Transactional(readOnly = true)
  public EventFeed feed(CallerIdentity caller, String id, long after, int limit) {
    owned(caller, id);
    int page = Math.max(1, Math.min(limit <= 0 ? 100 : limit, properties.maxPage()));
    List<DeliveredEvent> events = store.feed(id, Math.max(0, after), page);
    return new EventFeed(id, events, events.isEmpty() ? Math.max(0, after) : events.getLast().seq());
  }

  /** Erases the content of deliveries older than the retention period; returns how many. */
  @Transactional
  public int eraseExpired() {
    return store.eraseContentBefore(clock.instant().minus(properties.retention()));
  }

  /** The event datasets: those an owner's change-event stream feeds. */
  public Set<String> eventDatasets() {
    Set<String> datasets = new TreeSet<>();
    connectors.changeEvents().streams().values().forEach(s -> datasets.add(s.dataset()));
    return datasets;
  }

  private Stream streamOf(String datasetId) {
    return connectors.changeEvents().streams().values().stream().filter(s -> datasetId.equals(s.dataset()))
        .findFirst().orElseThrow(() -> new HubException(ErrorCode.INVALID_REQUEST, "dataset " + datasetId
            + " has no change events to subscribe to; event datasets: " + eventDatasets()));
  }

  private List<String> pseudonyms(Stream stream, List<String> subjectIds) {
    List<Integer> invalid = new ArrayList<>();
    List<String> pseudonyms = new ArrayList<>();
    for (int i = 0; i < subjectIds.size(); i++) {
      String id = subjectIds.get(i) == null ? "" : subjectIds.get(i).trim();
      if (!SubjectId.isValidThirteenDigit(id)) {
        invalid.add(i);
      } else {
        pseudonyms.add(pseudonymizer.pseudonym(stream.subjectType(), id));
      }
    }
    if (!invalid.isEmpty()) {
      // Positions, not values: clear identifiers are never echoed into problems or logs.
      throw new HubException(ErrorCode.INVALID_SUBJECT_ID, invalid.size() + " subject IDs are not 13 digits with a "
          + "valid check digit").with("positions", invalid);
    }
    if (pseudonyms.size() > properties.maxSubjects()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "a subscription holds at most " + properties.maxSubjects()
          + " subjects");
    }
    return pseudonyms;
  }

  private Subscription owned(CallerIdentity caller, String id) {
    caller.requireIdentified();
    return store.find(id).filter(s -> s.agency().equals(caller.agency()) && s.unit().equals(caller.unit()))
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_SUBSCRIPTION, "no subscription " + id + " of "
            + caller.agency() + "/" + caller.unit()));
  }

  private Subscription active(CallerIdentity caller, String id) {
    Subscription s = owned(caller, id);
    if (s.status() != SubscriptionStatus.ACTIVE) {
      throw new HubException(ErrorCode.INVALID_STATE, "the subscription is cancelled");
    }
    return s;
  }
}
