package org.gdxhub.ledger.internal;

import java.util.List;

import org.gdxhub.ledger.LedgerEntry;

/** Where the outbox relay sends new entries: the in-process indexes, or a Kafka topic. */
public interface LedgerPublisher extends AutoCloseable {

  /**
   * Delivers every entry, or throws. The relay marks the rows sent only after this returns,
   * so the same entries may come again after a failure or a crash (at least once).
   */
  void publish(List<LedgerEntry> entries);

  /** Short name for logs: in-process, kafka. */
  String name();

  @Override
  default void close() {}
}
