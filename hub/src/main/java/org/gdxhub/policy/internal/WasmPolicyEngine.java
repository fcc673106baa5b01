package org.gdxhub.policy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyEngine;
import org.gdxhub.policy.PolicyInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.styra.opa.wasm.OpaPolicy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates the Rego bundle compiled to Wasm inside the JVM (opa-java-wasm). An
 * {@link OpaPolicy} instance holds evaluation state, so a small pool of them serves
 * concurrent requests; each instance is used by one thread at a time.
 */
public class WasmPolicyEngine implements PolicyEngine {

  static final String ENTRYPOINT = "hub/exchange/decision";
  private static final Logger log = LoggerFactory.getLogger(WasmPolicyEngine.class);

  private final BlockingQueue<OpaPolicy> pool;
  private final JsonMapper json;

  public WasmPolicyEngine(byte[] wasm, int instances, JsonMapper json) {
    this.json = json;
    this.pool = new ArrayBlockingQueue<>(instances);
    for (int i = 0; i < instances; i++) {
      OpaPolicy policy = OpaPolicy.builder().withPolicy(wasm).build();
      policy.entrypoint(ENTRYPOINT);
      pool.add(policy);
    }
  }

  public static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Override
  public PolicyDecision decide(PolicyInput input) {
    OpaPolicy policy = null;
    try {
      policy = pool.poll(5, TimeUnit.SECONDS);
      if (policy == null) {
        return PolicyDecision.unavailable("no policy evaluator free within 5 s");
      }
      String result = policy.evaluate(json.writeValueAsString(input));
      return parse(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PolicyDecision.unavailable("interrupted while waiting for the policy evaluator");
    } catch (RuntimeException e) {
      log.error("policy evaluation failed; denying", e);
      return PolicyDecision.unavailable("policy evaluation failed: " + e.getClass().getSimpleName());
    } finally {
      if (policy != null) {
        pool.add(policy);
      }
    }
  }

  /** The Wasm ABI answers {@code [{"result": <decision>}]}; anything else is undefined → deny. */
  private PolicyDecision parse(String result) {
    JsonNode root = json.readTree(result);
    JsonNode decision = root.isArray() && !root.isEmpty() ? root.get(0).get("result") : null;
    if (decision == null || !decision.isObject() || !decision.path("allow").isBoolean()) {
      return PolicyDecision.unavailable("policy result undefined");
    }
    return json.treeToValue(decision, PolicyDecision.class);
  }

  @Override
  public String name() {
    return "wasm";
  }
}
