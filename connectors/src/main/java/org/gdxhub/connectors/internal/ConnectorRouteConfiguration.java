package org.gdxhub.connectors.internal;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every connector route: no redelivery inside the route (the
 * caller is waiting and the ledger records the failure), a warning in the log, and the
 * exception left on the exchange for {@link org.gdxhub.connectors.ConnectorGateway} to map.
 */
@Component
class ConnectorRouteConfiguration extends RouteConfigurationBuilder {

  static final String ID = "connectors.errors";

  @Override
  public void configuration() {
    routeConfiguration(ID)
        .onException(Exception.class)
        .handled(false)
        .log(LoggingLevel.WARN, "connector route ${routeId} failed: ${exception.message}");
  }
}
