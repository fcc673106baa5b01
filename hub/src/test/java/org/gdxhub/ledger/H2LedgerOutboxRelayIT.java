package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** The ledger relay with H2 as the system of record, and a real Kafka broker. */
class H2LedgerOutboxRelayIT extends LedgerOutboxRelayContract {

  @Override
  protected TestDatabase openDatabase(String version) {
    return TestDatabase.h2(version);
  }
}
