package org.gdxhub.policy.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyEngine;
import org.gdxhub.policy.PolicyInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks an OPA server over its REST data API ({@code POST /v1/data/hub/exchange/decision}).
 * The server pulls the same policy and data bundles from the hub (PolicyBundleController).
 * Fails closed: unreachable, slow past the timeout, non-200 or undefined → policy_unavailable.
 */
public class OpaServerPolicyEngine implements PolicyEngine {

  private static final Logger log = LoggerFactory.getLogger(OpaServerPolicyEngine.class);

  private final HttpClient http;
  private final URI decisionUri;
  private final Duration timeout;
  private final JsonMapper json;

  public OpaServerPolicyEngine(URI opaUrl, Duration timeout, JsonMapper json) {
    this.decisionUri = opaUrl.resolve("/v1/data/" + WasmPolicyEngine.ENTRYPOINT);
    this.timeout = timeout;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public PolicyDecision decide(PolicyInput input) {
    return decideJson(json.writeValueAsString(input));
  }

  @Override
  public PolicyDecision decideJson(String inputJson) {
    String body = "{\"input\":" + inputJson + "}";
    HttpRequest request = HttpRequest.newBuilder(decisionUri).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return PolicyDecision.unavailable("OPA answered HTTP " + response.statusCode());
      }
      JsonNode root = json.readTree(response.body());
      return PolicyDecisions.fromResult(json, root.get("result"));
    } catch (HttpTimeoutException e) {
      return PolicyDecision.unavailable("OPA did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException | RuntimeException e) {
      log.warn("OPA server unreachable at {}: {}", decisionUri, e.toString());
      return PolicyDecision.unavailable("OPA server unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PolicyDecision.unavailable("interrupted while waiting for OPA");
    }
  }

  @Override
  public String name() {
    return "opa-server";
  }
}
