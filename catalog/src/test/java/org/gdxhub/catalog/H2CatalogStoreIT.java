package org.gdxhub.catalog;

import org.gdxhub.testsupport.TestDatabase;

/** The catalog contract on H2, the embedded default. */
class H2CatalogStoreIT extends CatalogStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
