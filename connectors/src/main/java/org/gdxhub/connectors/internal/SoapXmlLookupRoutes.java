package org.gdxhub.connectors.internal;

import org.apache.camel.Processor;
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
class SoapXmlLookupRoutes extends HttpLookupRoutes {

  SoapXmlLookupRoutes(ConnectorSources sources) {
    super(sources, ConnectorsProperties.SOAP_XML);
  }

  @Override
  protected void requireFlowSettings(String routeId, Flow flow) {
    if (flow.request() == null || flow.record() == null) {
      throw new IllegalStateException("flow " + routeId + ": request and record are required");
    }
  }

  @Override
  protected Object recordMapper(Source source, Flow flow) {
    return new XmlRecordMapper(flow.record(), flow.fields(), flow.items(), source.namespaces());
  }

  @Override
  protected Processor request(HttpSourceCall call, Flow flow) {
    return exchange -> call.prepareSoap(exchange, flow.soapAction(), flow.request());
  }

  @Override
  protected String answerCheck() {
    return "checkSoap";
  }
}
