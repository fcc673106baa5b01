package org.gdxhub.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the results of a pure function over few distinct arguments (a catalog's datasets
 * and agreement versions), for hot paths that would otherwise recompute them per call.
 * Thread-safe. Bounded: emptied rather than grown past {@code maxEntries}, which costs one
 * recomputation per argument still in use.
 */
public final class BoundedMemo<K, V> {

  private final int maxEntries;
  private final Function<K, V> compute;
  private final ConcurrentHashMap<K, V> results = new ConcurrentHashMap<>();

  public BoundedMemo(int maxEntries, Function<K, V> compute) {
    this.maxEntries = maxEntries;
    this.compute = compute;
  }

  /** The function's result for {@code key}: remembered, or computed and remembered. */
  public V get(K key) {
    V result = results.get(key);
    if (result == null) {
      result = compute.apply(key);
      if (results.size() >= maxEntries) {
        results.clear();
      }
      results.put(key, result);
    }
    return result;
  }
}
