package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** The ledger relay with a real PostgreSQL server, and a real Kafka broker. */
class PostgresLedgerOutboxRelayIT extends LedgerOutboxRelayContract {

  @Override
  protected TestDatabase openDatabase(String version) {
    return TestDatabase.postgres(version);
  }
}
