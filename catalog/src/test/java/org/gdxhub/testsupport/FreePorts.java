package org.gdxhub.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports for the servers the tests start. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * A loopback port that is free now, chosen below Linux's ephemeral range (32768–60999). A port
   * the kernel hands out for bind(0) comes from that range, so until the caller binds it, the
   * source port of any new outgoing connection can take it; with hundreds of loopback connections
   * in the integration tests that happened (a demo source's BindException, 2026-12-04).
   */
  public static int loopback() {
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free loopback port between 20000 and 31999");
  }
}
