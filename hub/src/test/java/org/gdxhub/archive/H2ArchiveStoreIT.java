package org.gdxhub.archive;

import org.gdxhub.testsupport.TestDatabase;

/** The archive's stores on H2, the embedded default. */
class H2ArchiveStoreIT extends ArchiveStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
