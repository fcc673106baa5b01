package org.gdxhub.common;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON text columns: string lists and maps kept as JSON in portable varchar columns. */
public final class JsonText {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, List<String>>> LIST_MAP = new TypeReference<>() {};

  private JsonText() {}

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static List<String> readList(String json) {
    return json == null ? List.of() : List.copyOf(MAPPER.readValue(json, STRING_LIST));
  }

  public static Map<String, List<String>> readListMap(String json) {
    return json == null ? Map.of() : MAPPER.readValue(json, LIST_MAP);
  }

  public static Map<String, Object> readMap(String json) {
    return json == null ? Map.of() : MAPPER.readValue(json, MAP);
  }
}
