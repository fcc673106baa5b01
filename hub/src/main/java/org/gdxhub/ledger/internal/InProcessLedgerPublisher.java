package org.gdxhub.ledger.internal;

import java.util.List;
import java.util.function.Supplier;

import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerIndex;

/**
 * The embedded default: hands new entries straight to every {@link LedgerIndex} bean in this
 * process. With no index configured the relay just marks the rows sent.
 */
public class InProcessLedgerPublisher implements LedgerPublisher {

  private final Supplier<List<LedgerIndex>> indexes;

  public InProcessLedgerPublisher(Supplier<List<LedgerIndex>> indexes) {
    this.indexes = indexes;
  }

  @Override
  public void publish(List<LedgerEntry> entries) {
    for (LedgerIndex index : indexes.get()) {
      index.index(entries);
    }
  }

  @Override
  public String name() {
    return "in-process";
  }
}
