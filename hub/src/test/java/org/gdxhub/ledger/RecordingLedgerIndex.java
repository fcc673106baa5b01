package org.gdxhub.ledger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LedgerIndex} that remembers how often each entry id was indexed, for tests of the
 * delivery path (relay, Kafka, consumer). The real indexes (Lucene, Elasticsearch) have their
 * own contract tests; this one lets a test see duplicates and losses exactly. It can be told to
 * fail its next calls, as an index outage.
 */
public class RecordingLedgerIndex implements LedgerIndex {

  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public void index(List<LedgerEntry> entries) {
    calls.incrementAndGet();
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("index unavailable (test)");
    }
    entries.forEach(e -> deliveries.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet());
  }

  @Override
  public long count() {
    return deliveries.size();
  }

  @Override
  public String name() {
    return "recording";
  }

  public void failNextCalls(int n) {
    failuresLeft.set(n);
  }

  public int calls() {
    return calls.get();
  }

  /** How many times each id was indexed. */
  public Map<String, Integer> deliveries() {
    Map<String, Integer> copy = new java.util.HashMap<>();
    deliveries.forEach((id, n) -> copy.put(id, n.get()));
    return copy;
  }
}
