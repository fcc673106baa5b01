package org.gdxhub.connectors.internal;

import org.apache.camel.Processor;
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
class HttpJsonLookupRoutes extends HttpLookupRoutes {

  HttpJsonLookupRoutes(ConnectorSources sources) {
    super(sources, ConnectorsProperties.HTTP_JSON);
  }

  @Override
  protected void requireFlowSettings(String routeId, Flow flow) {
    if (flow.path() == null || !flow.path().startsWith("/")) {
      throw new IllegalStateException("flow " + routeId + ": path starting with '/' is required");
    }
  }

  @Override
  protected Object recordMapper(Source source, Flow flow) {
    return new JsonRecordMapper(flow.record(), flow.fields(), flow.items());
  }

  @Override
  protected Processor request(HttpSourceCall call, Flow flow) {
    return exchange -> call.prepareGet(exchange, flow.path());
  }

  @Override
  protected String answerCheck() {
    return "checkJson";
  }
}
