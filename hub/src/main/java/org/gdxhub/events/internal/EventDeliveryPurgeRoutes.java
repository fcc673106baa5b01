package org.gdxhub.events.internal;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.gdxhub.events.EventsProperties;
import org.gdxhub.events.SubscriptionService;
import org.springframework.stereotype.Component;

/**
 * Route {@code events.purge-deliveries}: every {@code hub.events.purge-interval}, erases the
 * content of deliveries older than {@code hub.events.retention}, so the hub does not become a
 * second copy of the owners' data. The delivery rows (idempotency, counts) and their ledger
 * entries stay.
 */
@Component
class EventDeliveryPurgeRoutes extends RouteBuilder {

  static final String ROUTE_ID = "events.purge-deliveries";

  private final EventsProperties properties;
  private final SubscriptionService subscriptions;

  EventDeliveryPurgeRoutes(EventsProperties properties, SubscriptionService subscriptions) {
    this.properties = properties;
    this.subscriptions = subscriptions;
  }

  @Override
  public void configure() {
    long every = Math.max(1000, properties.purgeInterval().toMillis());
    from("timer:" + ROUTE_ID + "?period=" + every + "&delay=" + every).routeId(ROUTE_ID)
        .description("erase delivered events older than " + properties.retention())
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logStackTrace(false)
            .retriesExhaustedLogLevel(LoggingLevel.WARN))
        .bean(subscriptions, "eraseExpired").id(ROUTE_ID + ".erase");
  }
}
