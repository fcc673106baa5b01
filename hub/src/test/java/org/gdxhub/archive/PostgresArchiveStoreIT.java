package org.gdxhub.archive;

import org.gdxhub.testsupport.TestDatabase;

/** The archive's stores on a real PostgreSQL server started by the test setup. */
class PostgresArchiveStoreIT extends ArchiveStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
