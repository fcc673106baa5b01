package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Test-side faults on a running bundled demo owner system (a real HTTP server on 127.0.0.1):
 * make it slow, stop it (connections refused, as a dead owner system), start it again on the
 * same port. Lives in the connectors' internal package because the demo servers are internal
 * to that module; only tests use it (the architecture test imports production classes only).
 */
public final class DemoSourceFaults {

  private final DemoHttpServer server;

  private DemoSourceFaults(DemoHttpServer server) {
    this.server = server;
  }

  /** The demo server {@code name} (hub.connectors.demo.servers.&lt;name&gt;) of a running hub. */
  public static DemoSourceFaults of(DemoSourceSystems systems, String name) {
    DemoHttpServer server = systems.server(name);
    if (server == null) {
      throw new IllegalArgumentException("no demo source system named " + name);
    }
    return new DemoSourceFaults(server);
  }

  /** Every answer from now on takes {@code delay} longer (zero: normal again). */
  public DemoSourceFaults slow(Duration delay) {
    server.delay(delay);
    return this;
  }

  /** Stops the server: new connections are refused. */
  public DemoSourceFaults stop() {
    server.close();
    return this;
  }

  /** Starts the server again on its port. */
  public DemoSourceFaults start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart the demo source system", e);
    }
    return this;
  }

  public int port() {
    return server.port();
  }
}
