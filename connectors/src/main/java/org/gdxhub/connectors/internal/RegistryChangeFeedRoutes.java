package org.gdxhub.connectors.internal;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.ChangeEvents;
import org.gdxhub.connectors.ConnectorsProperties.Stream;
import org.springframework.stereotype.Component;

/**
 * The demo population registry publishing its change events (route
 * {@code population-registry.publish-changes}): polls the registry's outbox table
 * {@code change_event} and sends each new event to the {@code population-registry} stream,
 * then marks it published. A failed send leaves the row unpublished for the next poll, so
 * the registry publishes at least once. Only with the seeded demo registry: a real registry
 * publishes from its own systems.
 */
@Component
class RegistryChangeFeedRoutes extends RouteBuilder {

  static final String ROUTE_ID = "population-registry.publish-changes";
  static final String STREAM = DemoSourceSystems.POPULATION_REGISTRY;

  private static final String UNPUBLISHED = """
      select e.seq, e.event_id, e.event_type, e.citizen_id, e.occurred_on, e.recorded_at,
      case when e.event_type = 'death_recorded' then c.date_of_death end as date_of_death,
      e.from_house_id, e.to_house_id,
      case when e.to_house_id is not null then concat(h.house_no, ' ม.', h.moo, ' ต.', h.subdistrict_th,
      ' อ.', h.district_th, ' จ.', h.province_th, ' ', h.postcode) end as to_address
      from change_event e join citizen c on c.citizen_id = e.citizen_id
      left join house h on h.house_id = e.to_house_id
      where e.published_at is null order by e.seq""";
  private static final String MARK_PUBLISHED = "update change_event set published_at = current_timestamp where event_id = :#event_id";

  private final ConnectorsProperties properties;
  private final ConnectorSources sources;

  RegistryChangeFeedRoutes(ConnectorsProperties properties, ConnectorSources sources) {
    this.properties = properties;
    this.sources = sources;
  }

  @Override
  public void configure() {
    ChangeEvents events = properties.changeEvents();
    Stream stream = events.streams().get(STREAM);
    boolean demoRegistry = properties.demo().enabled() && properties.demo().populationRegistry().seed()
        && sources.sources().containsKey(STREAM);
    if (!demoRegistry || !events.enabled() || stream == null || !stream.enabled()) {
      return;
    }
    String dataSource = ConnectorSources.dataSourceName(STREAM);
    bindToRegistry(dataSource, sources.dataSource(STREAM));
    long interval = Math.max(50, properties.demo().populationRegistry().publishInterval().toMillis());
    from("sql:" + UNPUBLISHED.replace('\n', ' ') + "?dataSource=#" + dataSource
        + "&onConsume=RAW(" + MARK_PUBLISHED + ")&delay=" + interval + "&initialDelay=" + interval
        + "&maxMessagesPerPoll=100").routeId(ROUTE_ID)
        .description("the demo population registry publishes its change events to " + stream.topic())
        // A failed send is retried by the next poll (the row stays unpublished); one warning, no stack trace.
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logStackTrace(false)
            .logExhaustedMessageHistory(false).retriesExhaustedLogLevel(LoggingLevel.WARN))
        .bean(RegistryChangeFeed.class, "toStreamRecord").id(ROUTE_ID + ".record")
        .to(ChangeEventEndpoints.endpoint(getContext(), events, stream)).id(ROUTE_ID + ".publish");
  }
}
