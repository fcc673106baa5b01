package org.gdxhub.ledger;

import java.time.Instant;

/** Filters for ledger search; null means "any". Results are newest first. */
public record LedgerQuery(
    String agency,
    String unit,
    String officer,
    String datasetId,
    String decision,
    Instant from,
    Instant to,
    int limit,
    int offset) {

  public static final int MAX_LIMIT = 1000;
}
