package org.gdxhub.connectors;

/**
 * Where the change-event routes hand each event of an owner's stream: the hub's governed
 * delivery to subscribed agencies (ADR 0012). Events arrive at least once (Kafka redelivers
 * what was not handled, and an owner may publish an event twice), so a handler must be
 * idempotent by {@link SubjectChanged#eventId()}. Throwing has the event retried, then
 * redelivered; it is never skipped.
 */
public interface ChangeEventHandler {

  void handle(SubjectChanged event);
}
