package org.gdxhub.events;

import org.gdxhub.testsupport.TestDatabase;

/** The subscription store on H2 (the embedded system of record). */
class H2SubscriptionStoreIT extends SubscriptionStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
