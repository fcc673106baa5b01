package org.gdxhub.policy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.gdxhub.policy.PolicyData;
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
 * concurrent requests; each instance is used by one thread at a time and is given the
 * current policy data revision before it evaluates.
 */
public class WasmPolicyEngine implements PolicyEngine {

  public static final String ENTRYPOINT = "hub/exchange/decision";
  private static final Logger log = LoggerFactory.getLogger(WasmPolicyEngine.class);

  private final BlockingQueue<Instance> pool;
  private final Supplier<PolicyData> data;
  private final JsonMapper json;

  public WasmPolicyEngine(byte[] wasm, int instances, Supplier<PolicyData> data, JsonMapper json) {
    this.data = data;
    this.json = json;
    this.pool = new ArrayBlockingQueue<>(instances);
    for (int i = 0; i < instances; i++) {
      OpaPolicy policy = OpaPolicy.builder().withPolicy(wasm).build();
      policy.entrypoint(ENTRYPOINT);
      pool.add(new Instance(policy));
    }
  }

  public static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Override
  public PolicyDecision decide(PolicyInput input) {
    return decideJson(json.writeValueAsString(input));
  }

  @Override
  public PolicyDecision decideJson(String inputJson) {
    Instance instance = null;
    try {
      instance = pool.poll(5, TimeUnit.SECONDS);
      if (instance == null) {
        return PolicyDecision.unavailable("no policy evaluator free within 5 s");
      }
      PolicyData revision = data.get();
      if (!revision.revision().equals(instance.dataRevision)) {
        // The Wasm runtime ignores malformed data silently; refuse it here so we fail closed loudly.
        json.readTree(revision.json());
        // The data bundle mounts the document at data.gdx; in-process it must sit at the same path.
        instance.policy.data("{\"gdx\":" + revision.json() + "}");
        instance.dataRevision = revision.revision();
      }
      return parse(instance.policy.evaluate(inputJson));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PolicyDecision.unavailable("interrupted while waiting for the policy evaluator");
    } catch (RuntimeException e) {
      log.error("policy evaluation failed; denying", e);
      return PolicyDecision.unavailable("policy evaluation failed: " + e.getClass().getSimpleName());
    } finally {
      if (instance != null) {
        pool.add(instance);
      }
    }
  }

  /** The Wasm ABI answers {@code [{"result": <decision>}]}; anything else is undefined → deny. */
  private PolicyDecision parse(String result) {
    JsonNode root = json.readTree(result);
    JsonNode decision = root.isArray() && !root.isEmpty() ? root.get(0).get("result") : null;
    return PolicyDecisions.fromResult(json, decision);
  }

  @Override
  public String name() {
    return "wasm";
  }

  private static final class Instance {
    final OpaPolicy policy;
    String dataRevision;

    Instance(OpaPolicy policy) {
      this.policy = policy;
    }
  }
}
