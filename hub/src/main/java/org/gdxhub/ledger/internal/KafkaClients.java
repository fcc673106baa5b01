package org.gdxhub.ledger.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.gdxhub.ledger.LedgerProperties;

/** Client configuration shared by the producer, consumer and admin client. */
final class KafkaClients {

  private KafkaClients() {}

  static Map<String, Object> common(LedgerProperties.Kafka kafka, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    config.putAll(kafka.properties());
    return config;
  }
}
