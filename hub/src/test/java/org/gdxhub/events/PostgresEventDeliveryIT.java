package org.gdxhub.events;

import java.io.IOException;
import java.nio.file.Files;

import org.gdxhub.testsupport.PostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Governed delivery of change events with PostgreSQL as the system of record (a real server). */
class PostgresEventDeliveryIT extends EventDeliveryContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-events-pg-it-").toString();
    properties.add("hub.data-dir", () -> dataDir);
    properties.add("hub.connectors.demo.population-registry.publish-interval", () -> "100ms");
    PostgresServer server = PostgresServer.shared();
    String url = server.createDatabase("gdx_events_" + ProcessHandle.current().pid());
    properties.add("spring.datasource.url", () -> url);
    properties.add("spring.datasource.username", server::username);
    properties.add("spring.datasource.password", () -> "");
  }
}
