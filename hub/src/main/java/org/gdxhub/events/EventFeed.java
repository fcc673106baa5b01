package org.gdxhub.events;

import java.util.List;

/**
 * A page of a unit's feed, oldest first.
 *
 * @param next the {@code after} value for the next request (the last seq here, or the one asked for)
 */
public record EventFeed(String subscriptionId, List<DeliveredEvent> events, long next) {}
