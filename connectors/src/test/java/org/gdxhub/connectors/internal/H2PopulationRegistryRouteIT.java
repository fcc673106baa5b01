package org.gdxhub.connectors.internal;

import org.gdxhub.connectors.ConnectorTestProperties;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The JDBC routes on the embedded default: the demo registry in an in-memory H2 database. */
class H2PopulationRegistryRouteIT extends PopulationRegistryRouteContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    ConnectorTestProperties.register(properties);
  }
}
