package org.gdxhub.testsupport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.security.TokenIssuer;

/**
 * Bearer tokens for HTTP tests, minted by the running hub's own local issuer (the same key and
 * claims as {@code POST /api/v1/auth/token}), for any agency, unit, officer and roles.
 */
public final class TestTokens {

  private final TokenIssuer issuer;

  public TestTokens(TokenIssuer issuer) {
    this.issuer = issuer;
  }

  /**
   * Valid for ten years from the issuer's clock: some tests run the hub on a fixed test clock,
   * while token validation uses the real one.
   */
  public String token(String agency, String unit, String officer, String... roles) {
    return issuer.issue(new CallerIdentity(agency, unit, officer, Set.of(roles)), Duration.ofDays(3650)).accessToken();
  }

  /** The Authorization header for that caller. */
  public Map<String, String> headers(String agency, String unit, String officer, String... roles) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + token(agency, unit, officer, roles));
    return headers;
  }

  public String bearer(String agency, String unit, String officer, String... roles) {
    return "Bearer " + token(agency, unit, officer, roles);
  }

  /** A governance committee member. */
  public String committee() {
    return bearer("governance-committee", "secretariat", "committee-001", "committee");
  }

  /** An auditor. */
  public String auditor() {
    return bearer("governance-committee", "audit", "auditor-001", "auditor");
  }

  /** The hub's operator. */
  public String operator() {
    return bearer("hub-operations", "platform", "operator-001", "operator");
  }
}
