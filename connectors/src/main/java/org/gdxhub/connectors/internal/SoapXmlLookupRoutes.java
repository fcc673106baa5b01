package org.gdxhub.connectors.internal;

import org.apache.camel.model.RouteDefinition;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.Flow;
import org.gdxhub.connectors.ConnectorsProperties.Source;
import org.springframework.stereotype.Component;

/**
 * Lookups in owners' XML web services (kind {@code soap-xml}), e.g. the Revenue Department's
 * VAT registration service: POST a SOAP 1.1 envelope over the Camel HTTP component, map the
 * XML answer with the flow's XPath expressions, project.
 */
@Component
class SoapXmlLookupRoutes extends SourceRoutes {

  SoapXmlLookupRoutes(ConnectorSources sources) {
    super(sources, ConnectorsProperties.SOAP_XML);
  }

  @Override
  protected void bindSource(String name, Source source) {
    bindToRegistry(httpClientName(name), sources.httpClient(name));
  }

  @Override
  protected void flowRoute(String routeId, String sourceName, Source source, Flow flow, RouteDefinition route) {
    if (flow.request() == null || flow.record() == null) {
      throw new IllegalStateException("flow " + routeId + ": request and record are required");
    }
    var call = new HttpSourceCall(sourceName, source.url(), sources);
    var mapper = new XmlRecordMapper(flow.record(), flow.fields(), flow.items(), source.namespaces());
    keepHubHeadersToItself(route);
    route.to("direct:" + routeId + ".call").id(routeId + ".invoke")
        .bean(mapper, "map").id(routeId + ".map")
        .setHeader(ConnectorGateway.RELEASED_FIELDS, variable(ConnectorGateway.RELEASED_FIELDS))
        .bean(FieldProjection.class, "project").id(routeId + ".project");
    guardedCall(routeId, sourceName, source)
        .process(exchange -> call.prepareSoap(exchange, flow.soapAction(), flow.request())).id(routeId + ".request")
        .to(httpEndpoint(source.url(), sourceName)).id(routeId + ".source")
        .bean(call, "checkSoap").id(routeId + ".answer")
        .end();
  }
}
