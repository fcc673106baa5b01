package org.gdxhub.policy;

/** Evaluates the exchange policy. Implementations never throw: they fail closed. */
public interface PolicyEngine {

  PolicyDecision decide(PolicyInput input);

  /** Short name recorded with each decision (e.g. {@code wasm}, {@code opa-server}). */
  String name();
}
