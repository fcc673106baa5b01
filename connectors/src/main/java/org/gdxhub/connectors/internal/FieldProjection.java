package org.gdxhub.connectors.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.gdxhub.connectors.ConnectorGateway;

/**
 * Keeps only the released fields of a source record, in the released order, with values
 * turned into plain JSON types (also inside list-valued fields). A field the policy did not
 * release never leaves the connector.
 */
public class FieldProjection {

  public Map<String, Object> project(@Body Map<String, Object> record,
      @Header(ConnectorGateway.RELEASED_FIELDS) Collection<String> released) {
    if (record == null) {
      return null;
    }
    Map<String, Object> byLowerCaseName = new LinkedHashMap<>();
    record.forEach((k, v) -> byLowerCaseName.put(k.toLowerCase(), v));
    Map<String, Object> projected = new LinkedHashMap<>();
    for (String field : released) {
      if (byLowerCaseName.containsKey(field)) {
        projected.put(field, plain(byLowerCaseName.get(field)));
      }
    }
    return projected;
  }

  static Object plain(Object value) {
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof TemporalAccessor temporal) {
      return temporal.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> plain = new LinkedHashMap<>();
      map.forEach((k, v) -> plain.put(String.valueOf(k).toLowerCase(), plain(v)));
      return plain;
    }
    if (value instanceof Collection<?> list) {
      var plain = new ArrayList<>(list.size());
      list.forEach(v -> plain.add(plain(v)));
      return plain;
    }
    return value;
  }
}
