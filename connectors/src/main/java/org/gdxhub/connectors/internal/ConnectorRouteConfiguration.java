package org.gdxhub.connectors.internal;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.gdxhub.connectors.ConnectorsProperties;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every connector route, one route configuration per source
 * ({@code <source>.errors}) with that source's retry settings: failures a retry may cure
 * (connection failures, HTTP 5xx, transient database errors) are retried with exponential
 * backoff; timeouts and an open circuit are not (the caller's time is spent, or the source is
 * known to be failing). The exception stays on the exchange for
 * {@link org.gdxhub.connectors.ConnectorGateway} to map to {@code source_timeout} or
 * {@code source_unavailable}.
 *
 * <p>The change-event routes share {@code change-events.errors}: a failed event is retried with
 * backoff, then the failure goes back to the transport, which redelivers the event (Kafka
 * seeks back to it; the in-process publisher leaves it unpublished); a malformed event is
 * logged (without its content) and skipped, since no retry can cure it.
 */
@Component
class ConnectorRouteConfiguration extends RouteConfigurationBuilder {

  private final ConnectorSources sources;
  private final ConnectorsProperties properties;

  ConnectorRouteConfiguration(ConnectorSources sources, ConnectorsProperties properties) {
    this.sources = sources;
    this.properties = properties;
  }

  /** The configuration of the change-event routes. */
  static final String CHANGE_EVENTS = "change-events.errors";

  /** The configuration of the inner call routes: none of the retry handling. */
  static final String NONE = "connectors.call";

  static String idFor(String source) {
    return source + ".errors";
  }

  @Override
  public void configuration() {
    routeConfiguration(NONE);
    sources.sources().forEach((name, source) -> routeConfiguration(idFor(name))
        .onException(Exception.class)
        .handled(false)
        .retryWhile(exchange -> exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) <= source.retries()
            && SourceFailures.isRetryable(exchange.getException()))
        .redeliveryDelay(source.retryDelay().toMillis())
        .useExponentialBackOff()
        .backOffMultiplier(source.retryBackoff())
        .logRetryAttempted(true)
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        .logStackTrace(false)
        .log(LoggingLevel.WARN, "connector route ${routeId} failed: ${exception.message}"));
    var events = properties.changeEvents();
    var changeEvents = routeConfiguration(CHANGE_EVENTS);
    changeEvents.onException(MalformedChangeEvent.class)
        .handled(true)
        .logStackTrace(false)
        .log(LoggingLevel.WARN, "skipped a malformed change event on ${routeId}: ${exception.message}");
    changeEvents.onException(Exception.class)
        .handled(false)
        .maximumRedeliveries(events.retries())
        .redeliveryDelay(events.retryDelay().toMillis())
        .useExponentialBackOff()
        .backOffMultiplier(2.0)
        .logRetryAttempted(true)
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        .logStackTrace(false)
        .logExhaustedMessageBody(false)
        .log(LoggingLevel.WARN, "change event route ${routeId} failed; the event is left for redelivery: ${exception.message}");
  }
}
