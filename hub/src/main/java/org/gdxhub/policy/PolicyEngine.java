package org.gdxhub.policy;

/** Evaluates the exchange policy. Implementations never throw: they fail closed. */
public interface PolicyEngine {

  PolicyDecision decide(PolicyInput input);

  /** Evaluates an input that is already JSON, e.g. a ledgered input replayed later. */
  PolicyDecision decideJson(String inputJson);

  /** Short name recorded with each decision (e.g. {@code wasm}, {@code opa-server}). */
  String name();
}
