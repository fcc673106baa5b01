package org.gdxhub.connectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An owner's system recorded a change about a subject (a death, a move ...), as the hub
 * receives it from the owner's change-event stream: the canonical record of the stream's
 * dataset, before any policy decision. It carries the clear subject identifier, so it never
 * appears in logs: {@link #toString()} leaves out the subject and the record.
 *
 * @param stream the stream it came from ({@code hub.connectors.change-events.streams.<stream>})
 * @param datasetId the catalog dataset agencies subscribe to for these events
 * @param eventId the owner's event id; the same event delivered twice has the same id
 * @param eventType e.g. {@code death_recorded}, {@code address_moved}
 * @param subjectType identifier type of the subject, e.g. {@code citizen_id}
 * @param subjectId the subject's identifier (clear)
 * @param record canonical field name to plain JSON value (strings, numbers, booleans)
 */
public record SubjectChanged(
    String stream,
    String datasetId,
    String eventId,
    String eventType,
    String subjectType,
    String subjectId,
    Map<String, Object> record) {

  public SubjectChanged {
    record = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(record));
  }

  @Override
  public String toString() {
    return "SubjectChanged[stream=" + stream + ", datasetId=" + datasetId + ", eventId=" + eventId + ", eventType="
        + eventType + ", subjectType=" + subjectType + ", subjectId=***, record=" + record.keySet() + "]";
  }
}
