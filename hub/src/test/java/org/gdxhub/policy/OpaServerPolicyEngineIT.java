package org.gdxhub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.gdxhub.policy.internal.OpaServerPolicyEngine;
import org.gdxhub.testsupport.OpaServer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The OPA client fails closed: nothing listening, a server that never answers, an undefined result. */
class OpaServerPolicyEngineIT {

  final PolicyInput input = new PolicyInputBuilder().build();

  @Test
  void unreachableServerIsPolicyUnavailable() {
    var engine = new OpaServerPolicyEngine(URI.create("http://127.0.0.1:" + OpaServer.freePort()),
        Duration.ofMillis(500), JsonMapper.builder().build());
    assertThat(engine.decide(input).reasonCodes()).containsExactly(PolicyDecision.POLICY_UNAVAILABLE);
  }

  @Test
  void serverThatNeverAnswersIsPolicyUnavailableWithinTheTimeout() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // test over
        }
      });
      var engine = new OpaServerPolicyEngine(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
          Duration.ofMillis(300), JsonMapper.builder().build());
      long started = System.nanoTime();
      PolicyDecision decision = engine.decide(input);
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(decision.allow()).isFalse();
      assertThat(decision.reasonCodes()).containsExactly(PolicyDecision.POLICY_UNAVAILABLE);
      assertThat(tookMillis).isLessThan(3_000);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void undefinedResultIsPolicyUnavailable() {
    try (OpaServer empty = OpaServer.empty()) {
      var engine = new OpaServerPolicyEngine(empty.url(), Duration.ofSeconds(2), JsonMapper.builder().build());
      PolicyDecision decision = engine.decide(input);
      assertThat(decision.allow()).isFalse();
      assertThat(decision.reasonCodes()).containsExactly(PolicyDecision.POLICY_UNAVAILABLE);
    }
  }
}
