package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** The ledger contract on a real PostgreSQL server started by the test setup. */
class PostgresLedgerStoreIT extends LedgerStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
