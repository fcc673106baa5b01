package org.gdxhub.policy;

import java.util.List;
import java.util.Map;

/** What the policy decided: allow or deny, why, which fields may be released, and obligations. */
public record PolicyDecision(boolean allow, List<Reason> reasons, List<String> fields, Map<String, Object> obligations) {

  /** Reason code of the hub's own fail-closed deny when no engine answered. */
  public static final String POLICY_UNAVAILABLE = "policy_unavailable";

  public PolicyDecision {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    fields = fields == null ? List.of() : List.copyOf(fields);
    obligations = obligations == null ? Map.of() : Map.copyOf(obligations);
  }

  public static PolicyDecision unavailable(String why) {
    return new PolicyDecision(false, List.of(new Reason(POLICY_UNAVAILABLE, why)), List.of(), Map.of());
  }

  public List<String> reasonCodes() {
    return reasons.stream().map(Reason::code).toList();
  }

  public record Reason(String code, String message) {}
}
