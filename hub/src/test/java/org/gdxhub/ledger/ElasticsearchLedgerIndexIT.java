package org.gdxhub.ledger;

import java.time.Duration;
import java.util.UUID;

import org.gdxhub.ledger.internal.ElasticsearchLedgerIndex;
import org.gdxhub.ledger.internal.LedgerDocument;
import org.gdxhub.testsupport.ElasticsearchServer;

/** The ledger index contract on a real Elasticsearch 8.19 started by the test setup. */
class ElasticsearchLedgerIndexIT extends LedgerIndexContract {

  @Override
  protected LedgerIndex openIndex(LedgerSearchProperties properties) {
    var settings = new LedgerSearchProperties.Elasticsearch(ElasticsearchServer.shared().url(),
        "gdx-ledger-it-" + UUID.randomUUID().toString().substring(0, 8), null, null, 1, 0, Duration.ofSeconds(1));
    var index = new ElasticsearchLedgerIndex(settings, new LedgerDocument(properties));
    index.ensureIndex();
    return index;
  }
}
