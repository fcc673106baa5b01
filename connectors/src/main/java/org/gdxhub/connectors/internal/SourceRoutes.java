package org.gdxhub.connectors.internal;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.RouteDefinition;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorsProperties.Flow;
import org.gdxhub.connectors.ConnectorsProperties.Source;

/**
 * The route shape of one connector kind, instantiated for every configured flow of every
 * source of that kind: route {@code <source>.<flow>}, reached at {@code direct:<source>.<flow>},
 * with the source's error handling and retries ({@link ConnectorRouteConfiguration}), and its
 * call to the source inside the source's Resilience4j circuit breaker with a time limit.
 * Subclasses add the kind's call and mapping; a new source of an existing kind is configuration.
 */
abstract class SourceRoutes extends RouteBuilder {

  protected final ConnectorSources sources;
  private final String kind;

  SourceRoutes(ConnectorSources sources, String kind) {
    this.sources = sources;
    this.kind = kind;
  }

  static String circuitBreakerName(String source) {
    return "circuitBreaker." + source;
  }

  @Override
  public final void configure() {
    sources.ofKind(kind).forEach((name, source) -> {
      bindToRegistry(circuitBreakerName(name), sources.circuitBreaker(name));
      bindSource(name, source);
      source.flows().forEach((flowName, flow) -> {
        String routeId = name + "." + flowName;
        RouteDefinition route = from("direct:" + routeId).routeId(routeId)
            .routeConfigurationId(ConnectorRouteConfiguration.idFor(name))
            .description(kind + " lookup " + flowName + " in " + name);
        flowRoute(routeId, name, source, flow, route);
      });
    });
  }

  /** Binds what the kind's routes of one source need into Camel's registry. */
  protected void bindSource(String name, Source source) {}

  /** Adds the kind's steps to the route of one flow. */
  protected abstract void flowRoute(String routeId, String sourceName, Source source, Flow flow, RouteDefinition route);

  /**
   * The call to the source, as its own route {@code <route>.call} inside the source's circuit
   * breaker (time limit = the source's timeout). The flow's route reaches it at node
   * {@code <route>.invoke}: Camel's redelivery does not reach inside a circuit breaker, so
   * retries wrap the whole guarded call from the outer route (Resilience4j's advice too:
   * retry outside, breaker inside).
   */
  protected CircuitBreakerDefinition guardedCall(String routeId, String sourceName, Source source) {
    RouteDefinition call = from("direct:" + routeId + ".call").routeId(routeId + ".call")
        .routeConfigurationId(ConnectorRouteConfiguration.NONE)
        .errorHandler(noErrorHandler())
        .description("call to " + sourceName + " guarded by its circuit breaker");
    return call.circuitBreaker().resilience4jConfiguration()
        .circuitBreaker(circuitBreakerName(sourceName))
        .timeoutEnabled(true)
        .timeoutDuration((int) source.timeout().toMillis())
        .throwExceptionWhenHalfOpenOrOpenState(true)
        .end();
  }

  /** The hub's own headers (subject, released fields) go to variables, never to the owner's system as HTTP headers. */
  protected void keepHubHeadersToItself(RouteDefinition route) {
    route.setVariable(ConnectorGateway.SUBJECT_ID, header(ConnectorGateway.SUBJECT_ID))
        .setVariable(ConnectorGateway.RELEASED_FIELDS, header(ConnectorGateway.RELEASED_FIELDS))
        .removeHeaders("*");
  }


  static String httpClientName(String source) {
    return "httpClient." + source;
  }

  /** The Camel HTTP endpoint of a source: its own client (pool, timeouts); status codes are judged by the flow. */
  static String httpEndpoint(String url, String sourceName) {
    return url.replaceFirst("\\?.*$", "") + "?httpClient=#" + httpClientName(sourceName)
        + "&throwExceptionOnFailure=false&followRedirects=false&disableStreamCache=false";
  }
}
