package org.gdxhub.ledger;

import java.util.List;

/**
 * A search index over ledger entries, fed from the system of record (which stays the source
 * of truth). Two backends: Lucene on disk (embedded default) and Elasticsearch (production).
 * Writes are idempotent by entry id, so at-least-once delivery is safe.
 */
public interface LedgerIndex {

  /** Adds or replaces the entries, keyed by {@link LedgerEntry#id()}. */
  void index(List<LedgerEntry> entries);

  /** How many distinct entries the index holds. */
  long count();

  /** Short backend name (lucene, elasticsearch) for logs and health. */
  String name();
}
