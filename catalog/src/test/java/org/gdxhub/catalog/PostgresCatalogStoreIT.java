package org.gdxhub.catalog;

import org.gdxhub.testsupport.TestDatabase;

/** The catalog contract on a real PostgreSQL server started by the test setup. */
class PostgresCatalogStoreIT extends CatalogStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
