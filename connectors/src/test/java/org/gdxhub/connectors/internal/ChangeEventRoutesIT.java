package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorTestProperties;
import org.gdxhub.connectors.ConnectorsTestApplication;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.connectors.RecordingChangeEventHandler;
import org.gdxhub.connectors.SubjectChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The change-event routes in one JVM (transport {@code in-process}): the demo registry records
 * a death or a move with its change event, route {@code population-registry.publish-changes}
 * publishes it, route {@code population-registry.change-events} maps it to the canonical record
 * and hands it to the hub (here a recording handler). AdviceWith breaks the publishing step or
 * the hub to show that nothing is lost and that malformed events are skipped.
 */
@SpringBootTest(classes = ConnectorsTestApplication.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ChangeEventRoutesIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    ConnectorTestProperties.register(properties);
    properties.add("hub.connectors.demo.population-registry.publish-interval", () -> "100ms");
    properties.add("hub.connectors.change-events.retry-delay", () -> "20ms");
  }

  @Autowired
  CamelContext camel;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  RecordingChangeEventHandler hub;
  @Autowired
  ProducerTemplate producer;
  @Autowired
  ConnectorGateway gateway;

  @Test
  void routesHaveStableIds() {
    assertThat(camel.getRoute("population-registry.change-events")).isNotNull();
    assertThat(camel.getRoute("population-registry.publish-changes")).isNotNull();
  }

  @Test
  void aStreamRouteServesNoLookups() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> gateway.fetch("population-registry.change-events", livingCitizen(10), List.of("citizen_id")))
        .isInstanceOfSatisfying(HubException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
          assertThat(e.getMessage()).contains("serves no lookups");
        });
    assertThat((System.nanoTime() - started) / 1_000_000).as("at once, not after a wait for a consumer").isLessThan(2000);
  }

  @Test
  void aRecordedDeathReachesTheHubAsTheDatasetsCanonicalRecord() {
    String citizen = livingCitizen(0);
    String eventId = registry.recordDeath(citizen, LocalDate.of(2026, 11, 20));

    SubjectChanged event = awaitHandled(eventId);
    assertThat(event.stream()).isEqualTo("population-registry");
    assertThat(event.datasetId()).isEqualTo("civil-registration-events");
    assertThat(event.eventType()).isEqualTo(PopulationRegistry.DEATH_RECORDED);
    assertThat(event.subjectType()).isEqualTo("citizen_id");
    assertThat(event.subjectId()).isEqualTo(citizen);
    assertThat(event.record()).containsEntry("event_id", eventId).containsEntry("citizen_id", citizen)
        .containsEntry("event_type", "death_recorded").containsEntry("date_of_death", "2026-11-20")
        .containsEntry("occurred_on", "2026-11-20").containsKey("recorded_at")
        .doesNotContainKeys("seq", "to_address", "to_house_id");
    assertThat(event.toString()).doesNotContain(citizen);
    assertThat(await(() -> registry.unpublishedChanges() == 0)).as("marked published").isTrue();
  }

  @Test
  void aMoveCarriesTheNewAddress() {
    String citizen = livingCitizen(1);
    String eventId = registry.recordMove(citizen, null, LocalDate.of(2026, 11, 21));

    SubjectChanged event = awaitHandled(eventId);
    assertThat(event.eventType()).isEqualTo(PopulationRegistry.ADDRESS_MOVED);
    assertThat(event.record()).containsKeys("from_house_id", "to_house_id").containsEntry("occurred_on", "2026-11-21")
        .doesNotContainKey("date_of_death");
    assertThat((String) event.record().get("to_address")).contains("จ.");
    assertThat(event.record().get("to_house_id")).isNotEqualTo(event.record().get("from_house_id"));
  }

  @Test
  void aHubThatCannotDecideGetsTheEventAgainAndNoClearIdIsLogged(CapturedOutput output) {
    hub.failNext(6); // more than the route's own retries: the event goes back to the registry's outbox
    int callsBefore = hub.calls();
    String citizen = livingCitizen(2);
    String eventId = registry.recordDeath(citizen, LocalDate.of(2026, 11, 22));

    awaitHandled(eventId);
    assertThat(hub.handled(eventId)).hasSize(1);
    assertThat(hub.calls() - callsBefore).isGreaterThanOrEqualTo(7);
    assertThat(output.getAll()).contains("left for redelivery").doesNotContain(citizen);
  }

  @Test
  void aFailedPublishLeavesTheEventInTheRegistrysOutboxUntilTheNextPoll() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    AdviceWith.adviceWith(camel, RegistryChangeFeedRoutes.ROUTE_ID, advice -> advice
        .weaveById(RegistryChangeFeedRoutes.ROUTE_ID + ".record").before().process(exchange -> {
          if (attempts.incrementAndGet() == 1) {
            throw new java.io.IOException("the stream is unreachable (test)");
          }
        }));
    String eventId = registry.recordDeath(livingCitizen(3), LocalDate.of(2026, 11, 23));

    awaitHandled(eventId);
    assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
    assertThat(hub.handled(eventId)).hasSize(1);
  }

  @Test
  void malformedEventsAreSkippedWithoutReachingTheHub(CapturedOutput output) {
    int before = hub.calls();
    String channel = "direct:change-events.population-registry.changes";
    producer.sendBody(channel, "not json");
    producer.sendBody(channel, "[1, 2]");
    producer.sendBody(channel, "{\"event_type\":\"death_recorded\",\"citizen_id\":\"1101700230708\"}");
    producer.sendBody(channel, "{\"event_id\":\"e-1\",\"event_type\":\"Death!\",\"citizen_id\":\"1101700230708\"}");
    producer.sendBody(channel, "{\"event_id\":\"e-2\",\"event_type\":\"death_recorded\"}");

    assertThat(hub.calls()).isEqualTo(before);
    assertThat(output.getAll()).contains("skipped a malformed change event").doesNotContain("1101700230708");
  }

  @Test
  void anEventOfAnotherShapeStillMapsItsMembers() {
    String citizen = SubjectId.withCheckDigit("110170023070");
    producer.sendBody("direct:change-events.population-registry.changes",
        "{\"event_id\":\"e-3\",\"event_type\":\"name_changed\",\"citizen_id\":\"" + citizen
            + "\",\"new_name\":{\"th\":\"สมชาย\"},\"note\":null}");
    SubjectChanged event = awaitHandled("e-3");
    assertThat(event.record()).containsEntry("new_name", Map.of("th", "สมชาย")).doesNotContainKey("note");
  }

  private String livingCitizen(int n) {
    List<String> living = registry.sampleLivingCitizenIds(20);
    return living.get(living.size() - 1 - n);
  }

  private SubjectChanged awaitHandled(String eventId) {
    assertThat(await(() -> !hub.handled(eventId).isEmpty())).as("event handled").isTrue();
    return hub.handled(eventId).getFirst();
  }

  static boolean await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
