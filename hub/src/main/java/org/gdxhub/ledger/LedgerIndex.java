package org.gdxhub.ledger;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/**
 * A search index over ledger entries, fed from the system of record (which stays the source
 * of truth). Two backends: Lucene on disk (embedded default) and Elasticsearch (production).
 * Writes are idempotent by entry id, so at-least-once delivery is safe. Subjects are in the
 * index only as their keyed HMAC pseudonym, as the ledger entry carries them.
 *
 * <p>Search, grouping and reindex support were added after {@link #index}, {@link #count}
 * and {@link #name}; their defaults refuse, so a minimal index (a test double) still compiles.
 */
public interface LedgerIndex {

  /** Adds or replaces the entries, keyed by {@link LedgerEntry#id()}. */
  void index(List<LedgerEntry> entries);

  /** How many distinct entries the index holds (after making every write visible). */
  long count();

  /** Short backend name (lucene, elasticsearch) for logs and health. */
  String name();

  /**
   * Which of these entry ids the index does not hold yet, counting every write made so far.
   * The follower asks before it indexes, so what the relay already delivered is not indexed a
   * second time. The default answers all of them (the follower then indexes everything).
   */
  default Set<String> missing(Collection<String> ids) {
    return new LinkedHashSet<>(ids);
  }

  /** Makes everything indexed so far visible to search (both backends refresh on their own within a second). */
  default void refresh() {}

  /** One page of matching entries, newest first, with the exact total. */
  default LedgerSearchResult search(LedgerSearch search) {
    throw unsupported("search");
  }

  /**
   * Counts the entries matching {@code filter} (its paging is ignored) grouped by the given
   * fields. Keys list the fields' values in order; a missing value is a null element; an entry
   * with several reason codes counts once under each of them.
   */
  default Map<List<String>, Long> countBy(LedgerSearch filter, List<LedgerField> fields) {
    throw unsupported("countBy");
  }

  /** Removes every entry and the reindex checkpoint (a reindex from scratch starts here). */
  default void deleteAll() {
    throw unsupported("deleteAll");
  }

  /** The highest ledger seq a reindex has durably indexed (0 when none); it resumes after it. */
  default long reindexCheckpoint() {
    return 0;
  }

  /** Durably records that every entry up to {@code seq} is indexed; entries indexed before are durable too. */
  default void saveReindexCheckpoint(long seq) {
    throw unsupported("saveReindexCheckpoint");
  }

  /** A short status for health checks (throws when the backend cannot be reached). */
  default Map<String, Object> health() {
    return Map.of("backend", name(), "entries", count());
  }

  private HubException unsupported(String operation) {
    return new HubException(ErrorCode.LEDGER_INDEX_UNAVAILABLE, "the " + name() + " index does not support " + operation);
  }
}
