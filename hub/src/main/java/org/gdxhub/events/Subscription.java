package org.gdxhub.events;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A unit's standing interest in an owner's change events about the subjects in its scope.
 * Deliveries are decided by the exchange policy in the name of the officer who subscribed,
 * for the stated purpose, legal basis and case reference, under the agency's agreement for
 * the dataset (or the one named).
 *
 * @param roles the subscribing officer's roles when subscribing (the policy's clearance rules read them)
 * @param agreementId the agreement to act under; null: the agency's agreement in force at each delivery
 * @param eventTypes the event types wanted; empty: all
 * @param fields the fields wanted; empty: every field the policy releases
 * @param subjects how many subjects are in scope
 * @param delivered events delivered so far
 * @param denied events the policy denied so far
 * @param lastDenialReasons reason codes of the most recent denial (empty if none)
 */
public record Subscription(
    String id,
    String agency,
    String unit,
    String officer,
    Set<String> roles,
    String datasetId,
    String agreementId,
    String purpose,
    String legalBasis,
    String caseRef,
    List<String> eventTypes,
    List<String> fields,
    SubscriptionStatus status,
    Instant createdAt,
    Instant cancelledAt,
    long subjects,
    long delivered,
    long denied,
    List<String> lastDenialReasons) {

  public Subscription {
    roles = roles == null ? Set.of() : Set.copyOf(roles);
    eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    fields = fields == null ? List.of() : List.copyOf(fields);
    lastDenialReasons = lastDenialReasons == null ? List.of() : List.copyOf(lastDenialReasons);
  }

  public boolean wants(String eventType) {
    return eventTypes.isEmpty() || eventTypes.contains(eventType);
  }
}
