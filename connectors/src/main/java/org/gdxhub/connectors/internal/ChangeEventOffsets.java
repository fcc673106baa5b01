package org.gdxhub.connectors.internal;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The last step of a change-event route on Kafka: once the hub has handled the last record
 * of a partition from one poll, commit the partition's offset past it (synchronously). Camel
 * 4.22 commits nothing by itself when manual commits are allowed, and its automatic mode
 * would commit records not yet handled; this way an offset never moves past an unhandled
 * event, and a crash redelivers at most one poll's worth (the hub is idempotent by event id).
 * A no-op for the in-process transport.
 */
final class ChangeEventOffsets {

  private ChangeEventOffsets() {}

  static void commitHandled(Exchange exchange) {
    KafkaManualCommit commit = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
    Boolean last = exchange.getIn().getHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT, Boolean.class);
    if (commit != null && Boolean.TRUE.equals(last)) {
      commit.commit();
    }
  }
}
