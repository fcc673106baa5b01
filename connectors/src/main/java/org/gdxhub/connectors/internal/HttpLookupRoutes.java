package org.gdxhub.connectors.internal;

import org.apache.camel.Processor;
import org.apache.camel.model.RouteDefinition;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorsProperties.Flow;
import org.gdxhub.connectors.ConnectorsProperties.Source;

/**
 * Lookups over the Camel HTTP component, whatever the payload: the kind says how to build the
 * request, which answers it accepts and how it maps a record; the route is the same for all —
 * guarded call, answer check, map, project.
 */
abstract class HttpLookupRoutes extends SourceRoutes {

  HttpLookupRoutes(ConnectorSources sources, String kind) {
    super(sources, kind);
  }

  /** Throws when the flow lacks what this kind needs. */
  protected abstract void requireFlowSettings(String routeId, Flow flow);

  /** The bean whose {@code map} method turns the source's answer into the record. */
  protected abstract Object recordMapper(Source source, Flow flow);

  /** Sets the method, path and body of the source request. */
  protected abstract Processor request(HttpSourceCall call, Flow flow);

  /** The {@link HttpSourceCall} method that accepts or rejects the source's answer. */
  protected abstract String answerCheck();

  @Override
  protected void bindSource(String name, Source source) {
    bindToRegistry(httpClientName(name), sources.httpClient(name));
  }

  @Override
  protected void flowRoute(String routeId, String sourceName, Source source, Flow flow, RouteDefinition route) {
    requireFlowSettings(routeId, flow);
    var call = new HttpSourceCall(sourceName, source.url(), sources);
    keepHubHeadersToItself(route);
    route.to("direct:" + routeId + ".call").id(routeId + ".invoke")
        .bean(recordMapper(source, flow), "map").id(routeId + ".map")
        .setHeader(ConnectorGateway.RELEASED_FIELDS, variable(ConnectorGateway.RELEASED_FIELDS))
        .bean(FieldProjection.class, "project").id(routeId + ".project");
    guardedCall(routeId, sourceName, source)
        .process(request(call, flow)).id(routeId + ".request")
        .to(httpEndpoint(source.url(), sourceName)).id(routeId + ".source")
        .bean(call, answerCheck()).id(routeId + ".answer")
        .end();
  }
}
