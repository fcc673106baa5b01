package org.gdxhub.ledger;

import java.time.Instant;

/** One link of the chain: the exchange record, its position, and the hashes that bind it. */
public record LedgerEntry(long seq, String id, Instant recordedAt, ExchangeRecord exchange, String prevHash, String hash) {}
