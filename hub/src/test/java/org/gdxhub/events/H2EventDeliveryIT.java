package org.gdxhub.events;

import java.io.IOException;
import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Governed delivery of change events on the embedded defaults: H2 file database, in-process transport. */
class H2EventDeliveryIT extends EventDeliveryContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-events-it-").toString();
    properties.add("hub.data-dir", () -> dataDir);
    properties.add("hub.connectors.demo.population-registry.publish-interval", () -> "100ms");
  }
}
