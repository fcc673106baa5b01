package org.gdxhub.events;

import java.time.Instant;
import java.util.Map;

/**
 * One event in a unit's feed: delivered under an allow decision that the ledger recorded,
 * holding only the released fields.
 *
 * @param seq the feed position; ask for {@code after=seq} to get the next ones
 * @param ledgerEntryId the ledger entry of the delivery decision
 */
public record DeliveredEvent(
    long seq,
    String subscriptionId,
    String eventId,
    String eventType,
    Instant deliveredAt,
    String ledgerEntryId,
    Map<String, Object> record) {}
