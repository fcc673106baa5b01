package org.gdxhub.events.internal;

import java.time.Duration;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.gdxhub.cluster.SingletonJobs;
import org.gdxhub.events.EventsProperties;
import org.gdxhub.events.SubscriptionService;
import org.springframework.stereotype.Component;

/**
 * Route {@code events.purge-deliveries}: every {@code hub.events.purge-interval}, erases the
 * content of deliveries older than {@code hub.events.retention}, so the hub does not become a
 * second copy of the owners' data. The delivery rows (idempotency, counts) and their ledger
 * entries stay. Every instance schedules it; one at a time runs it ({@link SingletonJobs}).
 */
@Component
class EventDeliveryPurgeRoutes extends RouteBuilder {

  static final String ROUTE_ID = "events.purge-deliveries";

  private final EventsProperties properties;
  private final SubscriptionService subscriptions;
  private final SingletonJobs jobs;

  EventDeliveryPurgeRoutes(EventsProperties properties, SubscriptionService subscriptions, SingletonJobs jobs) {
    this.properties = properties;
    this.subscriptions = subscriptions;
    this.jobs = jobs;
  }

  @Override
  public void configure() {
    long every = Math.max(1000, properties.purgeInterval().toMillis());
    from("timer:" + ROUTE_ID + "?period=" + every + "&delay=" + every).routeId(ROUTE_ID)
        .description("erase delivered events older than " + properties.retention())
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logStackTrace(false)
            .retriesExhaustedLogLevel(LoggingLevel.WARN))
        .process(exchange -> jobs.runExclusively(ROUTE_ID, Duration.ofMinutes(30), subscriptions::eraseExpired))
        .id(ROUTE_ID + ".erase");
  }
}
