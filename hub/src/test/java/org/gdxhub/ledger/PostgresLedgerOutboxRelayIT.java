package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** The outbox and its relays with a real PostgreSQL server, and a real Kafka broker. */
class PostgresLedgerOutboxRelayIT extends LedgerOutboxRelayContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
