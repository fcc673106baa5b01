package org.gdxhub.connectors.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

import tools.jackson.databind.json.JsonMapper;

/**
 * The demo registry's side of its change-event stream: one row of its outbox (with the new
 * address of a move) becomes the stream's JSON record, keyed by citizen so that one citizen's
 * events stay in order on one partition.
 */
public class RegistryChangeFeed {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public String toStreamRecord(@Body Map<String, Object> row, Exchange exchange) {
    Map<String, Object> record = new LinkedHashMap<>();
    row.forEach((column, value) -> {
      String name = column.toLowerCase();
      if (value != null && !"seq".equals(name)) {
        record.put(name, FieldProjection.plain(value));
      }
    });
    // onConsume marks the row published by its event id; the header is found whatever case the driver uses.
    exchange.getIn().setHeader("event_id", record.get("event_id"));
    exchange.getIn().setHeader(KafkaConstants.KEY, record.get("citizen_id"));
    return JSON.writeValueAsString(record);
  }
}
