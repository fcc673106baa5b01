package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gdxhub.connectors.ConnectorTestProperties;
import org.gdxhub.connectors.ConnectorsTestApplication;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.connectors.RecordingChangeEventHandler;
import org.gdxhub.testsupport.KafkaServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change-event routes over a real Kafka broker (KRaft, in this JVM): the demo registry
 * publishes to its topic (keyed by citizen), route {@code population-registry.change-events}
 * consumes it as the hub's group and commits an offset only once the hub handled the event;
 * an event the hub fails on is redelivered from Kafka, not lost and not skipped.
 */
@SpringBootTest(classes = ConnectorsTestApplication.class)
@DirtiesContext
class KafkaChangeEventRoutesIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String TOPIC = "population-registry.changes-" + UUID.randomUUID();
  static final String GROUP = "gdx-hub-it-" + UUID.randomUUID();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    ConnectorTestProperties.register(properties);
    KafkaServer kafka = KafkaServer.shared();
    kafka.createTopic(TOPIC, 2);
    properties.add("hub.connectors.change-events.transport", () -> "kafka");
    properties.add("hub.connectors.change-events.kafka.bootstrap-servers", kafka::bootstrapServers);
    properties.add("hub.connectors.change-events.kafka.group-id", () -> GROUP);
    properties.add("hub.connectors.change-events.streams.population-registry.topic", () -> TOPIC);
    properties.add("hub.connectors.change-events.retry-delay", () -> "20ms");
    properties.add("hub.connectors.demo.population-registry.publish-interval", () -> "100ms");
    properties.add("logging.level.org.apache.kafka", () -> "WARN");
  }

  @Autowired
  PopulationRegistry registry;
  @Autowired
  RecordingChangeEventHandler hub;

  @Test
  void theRegistryPublishesToItsTopicKeyedByCitizenAndTheHubReceivesIt() {
    String citizen = registry.sampleLivingCitizenIds(10).get(9);
    String eventId = registry.recordDeath(citizen, LocalDate.of(2026, 11, 20));

    assertThat(ChangeEventRoutesIT.await(() -> !hub.handled(eventId).isEmpty())).as("handled").isTrue();
    ConsumerRecord<String, String> onTopic = readTopic().stream()
        .filter(r -> r.value().contains(eventId)).findFirst().orElseThrow();
    assertThat(onTopic.key()).isEqualTo(citizen);
    JsonNode value = JSON.readTree(onTopic.value());
    assertThat(value.get("event_type").asString()).isEqualTo("death_recorded");
    assertThat(value.get("date_of_death").asString()).isEqualTo("2026-11-20");
    assertThat(ChangeEventRoutesIT.await(() -> committedEverything())).as("offsets committed").isTrue();
  }

  @Test
  void anEventTheHubFailsOnIsRedeliveredFromKafkaAndCommittedOnlyAfterwards() {
    hub.failNext(9); // beyond the route's 3 retries: Kafka seeks back to the event, twice
    int before = hub.calls();
    String citizen = registry.sampleLivingCitizenIds(10).get(8);
    String eventId = registry.recordMove(citizen, null, LocalDate.of(2026, 11, 21));

    assertThat(ChangeEventRoutesIT.await(() -> hub.calls() - before >= 4)).as("first attempts").isTrue();
    assertThat(hub.handled(eventId)).isEmpty();
    assertThat(ChangeEventRoutesIT.await(() -> !hub.handled(eventId).isEmpty())).as("redelivered").isTrue();
    assertThat(hub.handled(eventId)).hasSize(1);
    assertThat(hub.calls() - before).isGreaterThanOrEqualTo(10);
    assertThat(ChangeEventRoutesIT.await(() -> committedEverything())).as("offsets committed").isTrue();
  }

  private List<ConsumerRecord<String, String>> readTopic() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  /** The hub's group has committed the end of every partition of the topic. */
  private boolean committedEverything() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      var partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
      var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(tp -> tp,
          tp -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
      return partitions.stream().allMatch(tp -> ends.get(tp).offset() == 0
          || (committed.get(tp) != null && committed.get(tp).offset() == ends.get(tp).offset()));
    } catch (Exception e) {
      return false;
    }
  }
}
