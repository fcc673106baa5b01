package org.gdxhub.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gdxhub.testsupport.FreePorts;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Properties every connector test context needs: its own credentials store, and free
 * loopback ports for the demo servers (test JVMs and other builds share the machine).
 */
public final class ConnectorTestProperties {

  public static final List<String> DEMO_SERVERS = List.of("business-registry", "revenue-department",
      "slow-business-registry", "slow-revenue-department", "flaky-revenue-department",
      "population-registry-clerk");

  private ConnectorTestProperties() {}

  public static void register(DynamicPropertyRegistry properties) {
    Path dir;
    try {
      dir = Files.createTempDirectory("gdx-connectors-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    properties.add("hub.connectors.credentials.keystore-path", () -> dir.resolve("credentials.p12").toString());
    for (String server : DEMO_SERVERS) {
      int port = freePort();
      properties.add("hub.connectors.demo.servers." + server + ".port", () -> port);
    }
  }

  public static int freePort() {
    return FreePorts.loopback();
  }
}
