package org.gdxhub.ledger.internal;

import org.gdxhub.ledger.LedgerEntry;

import tools.jackson.databind.json.JsonMapper;

/** The wire form of a ledger entry on the Kafka topic: the {@link LedgerEntry} record as JSON. */
public final class LedgerEntryJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LedgerEntryJson() {}

  public static byte[] write(LedgerEntry entry) {
    return JSON.writeValueAsBytes(entry);
  }

  public static LedgerEntry read(byte[] json) {
    return JSON.readValue(json, LedgerEntry.class);
  }
}
