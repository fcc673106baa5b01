package org.gdxhub.connectors.internal;

import org.apache.camel.model.RouteDefinition;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.Flow;
import org.gdxhub.connectors.ConnectorsProperties.Source;
import org.springframework.stereotype.Component;

/**
 * Lookups in owners' relational databases (kind {@code jdbc}), e.g. the Central Registration
 * Office's population registry: the flow's SQL through the Camel SQL component (one row whose
 * columns are canonical field names), then its list queries, then projection.
 */
@Component
class JdbcLookupRoutes extends SourceRoutes {

  JdbcLookupRoutes(ConnectorSources sources) {
    super(sources, ConnectorsProperties.JDBC);
  }

  @Override
  protected void bindSource(String name, Source source) {
    bindToRegistry(ConnectorSources.dataSourceName(name), sources.dataSource(name));
  }

  @Override
  protected void flowRoute(String routeId, String sourceName, Source source, Flow flow, RouteDefinition route) {
    if (flow.query() == null || flow.query().isBlank()) {
      throw new IllegalStateException("flow " + routeId + ": query is required");
    }
    int queryTimeoutSeconds = (int) Math.max(1, (source.timeout().toMillis() + 999) / 1000);
    var lists = new JdbcListQueries(sources.dataSource(sourceName), flow.lists(), queryTimeoutSeconds);
    route.to("direct:" + routeId + ".call").id(routeId + ".invoke")
        .bean(FieldProjection.class, "project").id(routeId + ".project");
    guardedCall(routeId, sourceName, source)
        .to("sql:" + flow.query().strip() + "?dataSource=#" + ConnectorSources.dataSourceName(sourceName)
            + "&outputType=SelectOne&template.queryTimeout=" + queryTimeoutSeconds).id(routeId + ".source")
        .bean(lists, "addLists").id(routeId + ".lists")
        .end();
  }
}
