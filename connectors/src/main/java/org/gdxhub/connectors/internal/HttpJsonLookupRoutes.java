package org.gdxhub.connectors.internal;

import org.apache.camel.model.RouteDefinition;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.Flow;
import org.gdxhub.connectors.ConnectorsProperties.Source;
import org.springframework.stereotype.Component;

/**
 * Lookups in owners' HTTP/JSON APIs (kind {@code http-json}), e.g. the Department of Business
 * Development's business registry: GET the flow's path over the Camel HTTP component, map the
 * JSON answer with the flow's JSON pointers, project.
 */
@Component
class HttpJsonLookupRoutes extends SourceRoutes {

  HttpJsonLookupRoutes(ConnectorSources sources) {
    super(sources, ConnectorsProperties.HTTP_JSON);
  }

  @Override
  protected void bindSource(String name, Source source) {
    bindToRegistry(httpClientName(name), sources.httpClient(name));
  }

  @Override
  protected void flowRoute(String routeId, String sourceName, Source source, Flow flow, RouteDefinition route) {
    if (flow.path() == null || !flow.path().startsWith("/")) {
      throw new IllegalStateException("flow " + routeId + ": path starting with '/' is required");
    }
    var call = new HttpSourceCall(sourceName, source.url(), sources);
    var mapper = new JsonRecordMapper(flow.record(), flow.fields(), flow.items());
    keepHubHeadersToItself(route);
    route.to("direct:" + routeId + ".call").id(routeId + ".invoke")
        .bean(mapper, "map").id(routeId + ".map")
        .setHeader(ConnectorGateway.RELEASED_FIELDS, variable(ConnectorGateway.RELEASED_FIELDS))
        .bean(FieldProjection.class, "project").id(routeId + ".project");
    guardedCall(routeId, sourceName, source)
        .process(exchange -> call.prepareGet(exchange, flow.path())).id(routeId + ".request")
        .to(httpEndpoint(source.url(), sourceName)).id(routeId + ".source")
        .bean(call, "checkJson").id(routeId + ".answer")
        .end();
  }
}
