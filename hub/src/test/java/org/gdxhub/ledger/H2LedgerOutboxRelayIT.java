package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** The outbox and its relays with H2 as the system of record, and a real Kafka broker. */
class H2LedgerOutboxRelayIT extends LedgerOutboxRelayContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
