package org.gdxhub.connectors.internal;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Lookups in the Central Registration Office's population registry (a relational database).
 * The SQL endpoint URI comes from {@code hub.connectors.population-registry.civil-record-uri}.
 */
@Component
class PopulationRegistryRoutes extends RouteBuilder {

  static final String CIVIL_RECORD = "population-registry.civil-record";

  @Override
  public void configure() {
    from("direct:" + CIVIL_RECORD)
        .routeId(CIVIL_RECORD)
        .routeConfigurationId(ConnectorRouteConfiguration.ID)
        .to("{{hub.connectors.population-registry.civil-record-uri}}").id(CIVIL_RECORD + ".query")
        .bean(FieldProjection.class, "project");
  }
}
