package org.gdxhub.connectors.internal;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every connector route, one route configuration per source
 * ({@code <source>.errors}) with that source's retry settings: failures a retry may cure
 * (connection failures, HTTP 5xx, transient database errors) are retried with exponential
 * backoff; timeouts and an open circuit are not (the caller's time is spent, or the source is
 * known to be failing). The exception stays on the exchange for
 * {@link org.gdxhub.connectors.ConnectorGateway} to map to {@code source_timeout} or
 * {@code source_unavailable}.
 */
@Component
class ConnectorRouteConfiguration extends RouteConfigurationBuilder {

  private final ConnectorSources sources;

  ConnectorRouteConfiguration(ConnectorSources sources) {
    this.sources = sources;
  }

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
  }
}
