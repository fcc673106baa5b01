package org.gdxhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The test broker itself: it serves clients, and keeps its data across a stop and restart. */
class KafkaServerIT {

  @Test
  void keepsMessagesAcrossARestartOnTheSamePort() throws Exception {
    KafkaServer kafka = KafkaServer.startNew();
    String topic = "harness-" + UUID.randomUUID();
    kafka.createTopic(topic, 2);
    produce(kafka, topic, "before-restart");

    kafka.stop();
    assertThat(kafka.running()).isFalse();
    kafka.restart();
    assertThat(kafka.running()).isTrue();

    produce(kafka, topic, "after-restart");
    assertThat(consumeAll(kafka, topic, 2)).containsExactlyInAnyOrder("before-restart", "after-restart");
  }

  private static void produce(KafkaServer kafka, String topic, String value) throws Exception {
    try (var producer = new KafkaProducer<String, String>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value, value)).get();
    }
  }

  private static List<String> consumeAll(KafkaServer kafka, String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, String>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "harness-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
