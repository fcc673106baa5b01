package org.gdxhub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.exchange.ExchangeService;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.exchange.LookupResult;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.testsupport.OpaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub with {@code hub.policy.engine=opa-server}: every lookup is decided by a real OPA
 * server that pulls its bundles from this hub; when OPA is down, lookups are denied with
 * {@code policy_unavailable} and ledgered (fail closed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpaServerModeIT {

  static final int HUB_PORT = OpaServer.freePort();
  static OpaServer opa;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws Exception {
    String dataDir = java.nio.file.Files.createTempDirectory("gdx-hub-opa-").toString();
    // OPA starts first and keeps polling until the hub is up and serving its bundles.
    opa = OpaServer.pullingBundlesFrom("http://127.0.0.1:" + HUB_PORT);
    properties.add("hub.data-dir", () -> dataDir);
    properties.add("server.port", () -> HUB_PORT);
    properties.add("hub.policy.engine", () -> "opa-server");
    properties.add("hub.policy.opa-url", () -> opa.url().toString());
    properties.add("hub.policy.opa-timeout", () -> "2s");
  }

  @AfterAll
  static void stopOpa() {
    opa.close();
  }

  @Autowired
  ExchangeService exchange;
  @Autowired
  LedgerService ledger;
  @Autowired
  PolicyDataService policyData;
  @Autowired
  PopulationRegistry registry;

  final CallerIdentity officer = new CallerIdentity(DemoData.CONSUMER, "registration", "officer-001",
      Set.of("consumer_officer"));

  LookupRequest lookup() {
    return new LookupRequest(registry.sampleCitizenIds(1).getFirst(), null, DemoData.PURPOSE, null, "BR-1", true,
        null, null);
  }

  @Test
  @Order(1)
  void lookupsAreDecidedByTheOpaServer() {
    opa.awaitBundles(Duration.ofSeconds(30));
    opa.awaitDataRevision(policyData.current().revision(), Duration.ofSeconds(30));
    LookupResult result = exchange.lookup(officer, DemoData.DATASET, lookup());
    assertThat(result.fieldsReleased()).containsExactlyElementsOf(DemoData.GRANTED_FIELDS);
    assertThat(ledger.decision(result.requestId())).get().extracting(d -> d.engine()).isEqualTo("opa-server");
  }

  @Test
  @Order(2)
  void opaDownDeniesEveryLookupWithPolicyUnavailableAndLedgersIt() {
    opa.close();
    HubException denied = org.junit.jupiter.api.Assertions.assertThrows(HubException.class,
        () -> exchange.lookup(officer, DemoData.DATASET, lookup()));
    assertThat(denied.errorCode().code()).isEqualTo("access_denied");
    String entryId = (String) denied.properties().get("ledgerEntryId");
    LedgerEntry entry = ledger.entry(entryId).orElseThrow();
    assertThat(entry.exchange().reasons()).extracting(r -> r.code()).containsExactly("policy_unavailable");
    assertThat(entry.exchange().fieldsReleased()).isEqualTo(List.of());
    assertThat(entry.exchange().outcome()).isEqualTo("denied");
  }
}
