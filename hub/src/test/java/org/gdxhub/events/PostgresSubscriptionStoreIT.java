package org.gdxhub.events;

import org.gdxhub.testsupport.TestDatabase;

/** The subscription store on a real PostgreSQL server. */
class PostgresSubscriptionStoreIT extends SubscriptionStoreContract {

  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
