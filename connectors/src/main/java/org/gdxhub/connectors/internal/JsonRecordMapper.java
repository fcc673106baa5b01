package org.gdxhub.connectors.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a source's JSON answer to the dataset's canonical record with JSON pointers (RFC 6901)
 * from configuration: one pointer per canonical field, and per-element pointers for
 * list-valued fields. Source fields without a mapping are dropped here.
 */
public class JsonRecordMapper {

  // Amounts (registered capital) keep their exact decimal value.
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final String recordPointer;
  private final Map<String, String> fields;
  private final Map<String, Map<String, String>> items;

  public JsonRecordMapper(String recordPointer, Map<String, String> fields, Map<String, Map<String, String>> items) {
    this.recordPointer = recordPointer == null ? "" : recordPointer;
    this.fields = Map.copyOf(fields);
    this.items = Map.copyOf(items);
  }

  /** The canonical record, or null when the answer holds none. */
  public Map<String, Object> map(@Body String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, "the source answered with malformed JSON", e);
    }
    JsonNode record = root.at(recordPointer);
    if (record.isMissingNode() || record.isNull()) {
      return null;
    }
    Map<String, Object> canonical = new LinkedHashMap<>();
    fields.forEach((field, pointer) -> {
      JsonNode value = record.at(pointer);
      Map<String, String> itemFields = items.get(field);
      Object mapped = itemFields != null && value.isArray() ? mapItems(value, itemFields) : plain(value);
      if (mapped != null) {
        canonical.put(field, mapped);
      }
    });
    return canonical;
  }

  private static List<Map<String, Object>> mapItems(JsonNode array, Map<String, String> itemFields) {
    List<Map<String, Object>> mapped = new ArrayList<>();
    for (JsonNode element : array.values()) {
      Map<String, Object> item = new LinkedHashMap<>();
      itemFields.forEach((field, pointer) -> {
        Object value = plain(element.at(pointer));
        if (value != null) {
          item.put(field, value);
        }
      });
      mapped.add(item);
    }
    return mapped;
  }

  private static Object plain(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.values().forEach(v -> list.add(plain(v)));
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
    return map;
  }
}
