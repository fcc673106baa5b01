package org.gdxhub.archive.internal;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by the archive's scheduled flows: a failed run is logged and handled
 * (the timer keeps firing; the next run retries, because each run does whatever is still due).
 */
@Component
class ArchiveRouteConfiguration extends RouteConfigurationBuilder {

  static final String ID = "archive.errors";

  @Override
  public void configuration() {
    routeConfiguration(ID)
        .onException(Exception.class)
        .handled(true)
        .logStackTrace(false)
        .log(LoggingLevel.ERROR, "${routeId} failed: ${exception.message}; the next run retries");
  }
}
