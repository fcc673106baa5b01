package org.gdxhub.connectors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.internal.SourceFailures;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The exchange pipeline's one way to reach an owner's system: sends the subject to the
 * dataset's connector route and gets back the record projected to the released fields.
 * Every call is timed in the Micrometer timer {@code gdx.connector.calls} (tags {@code route},
 * {@code source}, {@code outcome}).
 */
@Component
public class ConnectorGateway {

  /** Exchange headers every connector route understands. */
  public static final String SUBJECT_ID = "gdxSubjectId";
  public static final String RELEASED_FIELDS = "gdxReleasedFields";

  /** Name of the Micrometer timer of connector calls. */
  public static final String TIMER = "gdx.connector.calls";

  private final CamelContext camel;
  private final ProducerTemplate producer;
  private final MeterRegistry meters;

  public ConnectorGateway(CamelContext camel, ProducerTemplate producer, MeterRegistry meters) {
    this.camel = camel;
    this.producer = producer;
    this.meters = meters;
  }

  /**
   * Fetches the subject's record through the connector route {@code connectorId}.
   *
   * @return the released fields of the record, or empty when the source has no such subject
   * @throws HubException {@code source_timeout} when the source is too slow, {@code source_unavailable}
   *     when the route is missing, the source fails or its circuit breaker is open
   */
  public Optional<Map<String, Object>> fetch(String connectorId, String subjectId, List<String> releasedFields) {
    if (connectorId == null || camel.getRoute(connectorId) == null) {
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, "no connector route " + connectorId);
    }
    if (!("direct://" + connectorId).equals(camel.getRoute(connectorId).getEndpoint().getEndpointUri())) {
      // e.g. a change-event stream (<stream>.change-events): subscribed to, never looked up
      throw new HubException(ErrorCode.SOURCE_UNAVAILABLE, "connector route " + connectorId + " serves no lookups");
    }
    Timer.Sample sample = Timer.start(meters);
    String outcome = "error";
    try {
      Exchange result = producer.request("direct:" + connectorId, exchange -> {
        exchange.getIn().setHeader(SUBJECT_ID, subjectId);
        exchange.getIn().setHeader(RELEASED_FIELDS, List.copyOf(releasedFields));
      });
      if (result.getException() != null) {
        HubException failure = SourceFailures.toHubException(connectorId, result.getException());
        outcome = failure.errorCode().code();
        throw failure;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> record = result.getMessage().getBody(Map.class);
      outcome = record == null ? "not_found" : "found";
      return Optional.ofNullable(record);
    } finally {
      sample.stop(Timer.builder(TIMER).description("Calls to the data owners' systems through connector routes")
          .tag("route", connectorId).tag("source", sourceOf(connectorId)).tag("outcome", outcome)
          .publishPercentileHistogram(false).register(meters));
    }
  }

  /** The source (owner system) of a route id {@code <source>.<flow>}. */
  public static String sourceOf(String routeId) {
    int dot = routeId.indexOf('.');
    return dot < 0 ? routeId : routeId.substring(0, dot);
  }
}
