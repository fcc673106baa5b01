package org.gdxhub.connectors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.stereotype.Component;

/**
 * The exchange pipeline's one way to reach an owner's system: sends the subject to the
 * dataset's connector route and gets back the record projected to the released fields.
 */
@Component
public class ConnectorGateway {

  /** Exchange headers every connector route understands. */
  public static final String SUBJECT_ID = "gdxSubjectId";
  public static final String RELEASED_FIELDS = "gdxReleasedFields";

  private final CamelContext camel;
  private final ProducerTemplate producer;

  public ConnectorGateway(CamelContext camel, ProducerTemplate producer) {
    this.camel = camel;
    this.producer = producer;
  }

  /**
   * Fetches the subject's record through the connector route {@code connectorId}.
   *
   * @return the released fields of the record, or empty when the source has no such subject
   * @throws HubException {@code source_unavailable} when the route is missing or the source fails
   */
  public Optional<Map<String, Object>> fetch(String connectorId, String subjectId, List<String> releasedFields) {
    if (connectorId == null || camel.getRoute(connectorId) == null) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, "no connector route " + connectorId);
    }
    Exchange result = producer.request("direct:" + connectorId, exchange -> {
      exchange.getIn().setHeader(SUBJECT_ID, subjectId);
      exchange.getIn().setHeader(RELEASED_FIELDS, List.copyOf(releasedFields));
    });
    if (result.getException() != null) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, "connector " + connectorId + " failed", result.getException());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> record = result.getMessage().getBody(Map.class);
    return Optional.ofNullable(record);
  }
}
