package org.gdxhub.connectors.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.gdxhub.connectors.ConnectorsProperties.ChangeEvents;
import org.gdxhub.connectors.ConnectorsProperties.Stream;

/**
 * The endpoint of a change-event stream, for the hub's consuming route and the demo registry's
 * publishing route alike: in-process a {@code direct:} channel (the publisher waits for the
 * hub to handle the event), or the stream's Kafka topic. The Kafka consumer settings that
 * at-least-once depends on are fixed here rather than left to a URI someone might get wrong:
 * no auto-commit; the route commits a partition's offset synchronously once the last record
 * of a poll was handled ({@link ChangeEventOffsets}); on a failure, the consumer commits what
 * was handled before it, seeks back to the failed record and polls it again.
 */
final class ChangeEventEndpoints {

  private ChangeEventEndpoints() {}

  static Endpoint endpoint(CamelContext camel, ChangeEvents events, Stream stream) {
    return switch (events.transport()) {
      case IN_PROCESS -> camel.getEndpoint("direct:change-events." + stream.topic());
      case KAFKA -> kafka(camel, events.kafka(), stream.topic());
    };
  }

  private static Endpoint kafka(CamelContext camel, org.gdxhub.connectors.ConnectorsProperties.Kafka kafka,
      String topic) {
    KafkaEndpoint endpoint = camel.getEndpoint("kafka:" + topic, KafkaEndpoint.class);
    KafkaConfiguration config = endpoint.getConfiguration();
    config.setBrokers(kafka.bootstrapServers());
    config.setGroupId(kafka.groupId());
    config.setAutoOffsetReset(kafka.autoOffsetReset());
    config.setMaxPollRecords(kafka.maxPollRecords());
    config.setAutoCommitEnable(false);
    config.setAllowManualCommit(true);
    config.setBreakOnFirstError(true);
    Map<String, Object> extra = new LinkedHashMap<>(kafka.properties());
    config.setAdditionalProperties(extra);
    // Synchronous commits, both the route's and Camel's own before it seeks back after a failure.
    endpoint.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
    return endpoint;
  }
}
