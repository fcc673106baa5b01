package org.gdxhub.policy.internal;

import org.gdxhub.policy.PolicyDecision;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a decision document the same way for every engine; anything malformed is a deny. */
final class PolicyDecisions {

  private PolicyDecisions() {}

  static PolicyDecision fromResult(JsonMapper json, JsonNode decision) {
    if (decision == null || !decision.isObject() || !decision.path("allow").isBoolean()
        || !decision.path("reasons").isArray() || !decision.path("fields").isArray()) {
      return PolicyDecision.unavailable("policy result undefined or malformed");
    }
    return json.treeToValue(decision, PolicyDecision.class);
  }
}
