package org.gdxhub.connectors.internal;

import org.apache.camel.builder.RouteBuilder;
import org.gdxhub.connectors.ChangeEventHandler;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.ChangeEvents;
import org.gdxhub.connectors.ConnectorsProperties.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The owners' change-event streams into the hub: one route {@code <stream>.change-events} per
 * configured stream (e.g. {@code population-registry.change-events}) that reads each record
 * from the stream's Kafka topic (or the in-process channel), maps it to a
 * {@link org.gdxhub.connectors.SubjectChanged} and hands it to the {@link ChangeEventHandler}
 * (the hub's governed delivery). Failures are retried with backoff and then left to the
 * transport to redeliver (route configuration {@code change-events.errors}); a malformed record
 * is logged and skipped. A new stream of the same shape is configuration, no code.
 */
@Component
class ChangeEventRoutes extends RouteBuilder {

  private final ChangeEvents events;
  private final ObjectProvider<ChangeEventHandler> handler;

  ChangeEventRoutes(ConnectorsProperties properties, ObjectProvider<ChangeEventHandler> handler) {
    this.events = properties.changeEvents();
    this.handler = handler;
  }

  static String routeId(String stream) {
    return stream + ".change-events";
  }

  @Override
  public void configure() {
    if (!events.enabled()) {
      return;
    }
    events.streams().forEach((name, stream) -> {
      if (!stream.enabled()) {
        return;
      }
      requireValid(name, stream);
      String id = routeId(name);
      from(ChangeEventEndpoints.endpoint(getContext(), events, stream)).routeId(id)
          .routeConfigurationId(ConnectorRouteConfiguration.CHANGE_EVENTS)
          .description("change events of " + name + " (" + stream.dataset() + ") from "
              + events.transport().name().toLowerCase().replace('_', '-') + " " + stream.topic())
          .bean(new ChangeEventMapper(name, stream), "map").id(id + ".map")
          .bean(handler(), "handle").id(id + ".deliver")
          .process(ChangeEventOffsets::commitHandled).id(id + ".commit");
    });
  }

  /** A stream needs someone to hand its events to (the hub's delivery); without one, starting fails. */
  private ChangeEventHandler handler() {
    ChangeEventHandler found = handler.getIfAvailable();
    if (found == null) {
      throw new IllegalStateException("change-event streams are configured but there is no ChangeEventHandler bean; "
          + "set hub.connectors.change-events.enabled=false to run the connectors without the hub");
    }
    return found;
  }

  private static void requireValid(String name, Stream stream) {
    if (stream.topic() == null || stream.topic().isBlank()) {
      throw new IllegalStateException("change-event stream " + name + ": topic is required");
    }
    if (stream.dataset() == null || stream.dataset().isBlank()) {
      throw new IllegalStateException("change-event stream " + name + ": dataset is required");
    }
  }
}
