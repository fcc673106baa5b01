/**
 * Governed subscriptions to owners' change events (ADR 0012): a consuming agency's unit
 * subscribes to an event dataset (e.g. {@code civil-registration-events}) for a purpose, with a
 * scope of subjects it registered interest in (kept only as pseudonyms). For every change event
 * of a subject in scope, the exchange policy decides as for a lookup, the decision is ledgered
 * (delivered or denied, with reasons), and only an allowed event, projected to the released
 * fields, reaches the unit's feed. Idempotent by event id. Public API:
 * {@link org.gdxhub.events.SubscriptionService}, {@link org.gdxhub.events.EventDeliveryService}.
 */
package org.gdxhub.events;
