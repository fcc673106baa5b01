package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** Checkpoints, verification and exports on a real PostgreSQL server started by the test setup. */
class PostgresLedgerCheckpointIT extends LedgerCheckpointContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
