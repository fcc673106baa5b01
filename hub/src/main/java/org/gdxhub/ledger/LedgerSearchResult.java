package org.gdxhub.ledger;

import java.util.List;

/** One page of search results, newest first, with the exact number of matching entries. */
public record LedgerSearchResult(long total, int limit, int offset, List<LedgerEntry> entries) {

  public LedgerSearchResult {
    entries = List.copyOf(entries);
  }
}
