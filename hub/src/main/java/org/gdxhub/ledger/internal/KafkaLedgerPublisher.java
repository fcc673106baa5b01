package org.gdxhub.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production backend: publishes each entry to the ledger topic, key = entry id, value =
 * the entry as JSON ({@link LedgerEntryJson}). A batch counts as delivered only when the
 * brokers acknowledged every record ({@code acks=all}, idempotent producer); otherwise the
 * relay keeps the rows and tries again. Creates the topic on first use when it is missing.
 */
public class KafkaLedgerPublisher implements LedgerPublisher {

  private static final Logger log = LoggerFactory.getLogger(KafkaLedgerPublisher.class);

  private final LedgerProperties.Kafka config;
  private final KafkaProducer<String, byte[]> producer;
  private volatile boolean topicChecked;

  public KafkaLedgerPublisher(LedgerProperties.Kafka config) {
    this.config = config;
    Map<String, Object> p = KafkaClients.common(config, "gdx-hub-ledger-relay");
    long timeout = config.deliveryTimeout().toMillis();
    p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Kafka requires delivery.timeout >= request.timeout + linger.
    p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
    p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1000, timeout / 2)));
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void publish(List<LedgerEntry> entries) {
    ensureTopic();
    List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
    try {
      for (LedgerEntry entry : entries) {
        sent.add(producer.send(new ProducerRecord<>(config.topic(), entry.id(), LedgerEntryJson.write(entry))));
      }
      producer.flush();
      long deadline = System.nanoTime() + config.deliveryTimeout().toNanos();
      for (Future<RecordMetadata> future : sent) {
        future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw failed(e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    }
  }

  private HubException failed(Throwable cause) {
    return new HubException(ErrorCode.LEDGER_PUBLISH_FAILED,
        "Kafka did not acknowledge the ledger entries on " + config.topic() + ": " + cause, cause);
  }

  /**
   * Creates the topic with the configured partitions and replicas unless it exists. Unreachable
   * brokers fail the publish; any other refusal (no permission to create topics) is logged and
   * publishing goes ahead.
   */
  private void ensureTopic() {
    if (topicChecked) {
      return;
    }
    Map<String, Object> p = KafkaClients.common(config, "gdx-hub-ledger-admin");
    int timeout = (int) Math.min(Integer.MAX_VALUE, config.deliveryTimeout().toMillis());
    p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2)); // must not exceed the API timeout
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(config.topic(), config.topicPartitions(), config.topicReplicationFactor())))
          .all().get(config.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
      log.info("created Kafka topic {} ({} partitions, {} replicas)", config.topic(), config.topicPartitions(),
          config.topicReplicationFactor());
      topicChecked = true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        topicChecked = true;
      } else if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw failed(e.getCause());
      } else {
        log.warn("could not create Kafka topic {}: {}", config.topic(), e.getCause().toString());
        topicChecked = true;
      }
    } catch (TimeoutException e) {
      throw failed(e);
    } catch (KafkaException e) {
      log.warn("could not create Kafka topic {}: {}", config.topic(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    }
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void close() {
    producer.close();
  }
}
