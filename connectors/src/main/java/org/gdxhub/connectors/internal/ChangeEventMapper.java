package org.gdxhub.connectors.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Body;
import org.gdxhub.connectors.ConnectorsProperties.Stream;
import org.gdxhub.connectors.SubjectChanged;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one record of an owner's change-event stream: a JSON object whose members are the
 * canonical fields of the stream's dataset. {@code event_id}, {@code event_type} and the
 * stream's subject member are required; null members are left out.
 */
public class ChangeEventMapper {

  public static final String EVENT_ID = "event_id";
  public static final String EVENT_TYPE = "event_type";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern EVENT_TYPE_FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern FIELD_FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final String streamName;
  private final Stream stream;

  public ChangeEventMapper(String streamName, Stream stream) {
    this.streamName = streamName;
    this.stream = stream;
  }

  public SubjectChanged map(@Body String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      throw new MalformedChangeEvent("a change event of " + streamName + " is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new MalformedChangeEvent("a change event of " + streamName + " is not a JSON object");
    }
    String eventId = text(json, EVENT_ID);
    if (eventId.length() > 64) {
      throw new MalformedChangeEvent("a change event of " + streamName + " has an event_id longer than 64");
    }
    String eventType = text(json, EVENT_TYPE);
    if (!EVENT_TYPE_FORMAT.matcher(eventType).matches()) {
      throw new MalformedChangeEvent("change event " + eventId + " has a malformed event_type");
    }
    String subject = text(json, stream.subjectField());
    Map<String, Object> record = new LinkedHashMap<>();
    for (var member : json.properties()) {
      if (member.getValue().isNull()) {
        continue;
      }
      if (!FIELD_FORMAT.matcher(member.getKey()).matches()) {
        throw new MalformedChangeEvent("change event " + eventId + " has a member that is not a snake_case field name");
      }
      record.put(member.getKey(), JSON.treeToValue(member.getValue(), Object.class));
    }
    return new SubjectChanged(streamName, stream.dataset(), eventId, eventType, stream.subjectType(), subject, record);
  }

  private String text(JsonNode json, String member) {
    JsonNode value = json.get(member);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new MalformedChangeEvent("a change event of " + streamName + " lacks the string member " + member);
    }
    return value.asString();
  }
}
