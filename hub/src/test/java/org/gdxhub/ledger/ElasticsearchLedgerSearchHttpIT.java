package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.gdxhub.testsupport.ElasticsearchServer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same HTTP tests with {@code hub.ledger.search.backend=elasticsearch}: the hub wires the
 * Elasticsearch backend from configuration alone, against the real server the tests start.
 */
class ElasticsearchLedgerSearchHttpIT extends LedgerSearchHttpIT {

  @DynamicPropertySource
  static void elasticsearch(DynamicPropertyRegistry properties) {
    properties.add("hub.ledger.search.backend", () -> "elasticsearch");
    properties.add("hub.ledger.search.elasticsearch.url", () -> ElasticsearchServer.shared().url());
    properties.add("hub.ledger.search.elasticsearch.index", () -> "gdx-ledger-http-" + UUID.randomUUID()
        .toString().substring(0, 8));
    properties.add("hub.ledger.search.elasticsearch.replicas", () -> "0");
  }

  @Test
  void theHubUsesElasticsearch() {
    assertThat(index.name()).isEqualTo("elasticsearch");
    assertThat(get("/api/v1/ledger/index").body().get("status").asString()).isEqualTo("green");
  }
}
