package org.gdxhub.ledger;

import org.gdxhub.testsupport.TestDatabase;

/** Checkpoints, verification and exports on H2, the embedded default. */
class H2LedgerCheckpointIT extends LedgerCheckpointContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
