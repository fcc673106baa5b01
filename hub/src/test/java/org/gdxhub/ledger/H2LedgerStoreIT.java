package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** The ledger contract on H2, the embedded default. */
class H2LedgerStoreIT extends LedgerStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
