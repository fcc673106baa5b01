package org.gdxhub.security.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints: API keys of agency systems, and the pseudonymisation key versions. */
@RestController
@RequestMapping("/api/v1/security")
class SecurityAdminController {

  record NewApiKey(String name, String agency, String unit, List<String> roles) {}

  private final ApiKeyService apiKeys;
  private final SubjectPseudonymizer pseudonymizer;

  SecurityAdminController(ApiKeyService apiKeys, SubjectPseudonymizer pseudonymizer) {
    this.apiKeys = apiKeys;
    this.pseudonymizer = pseudonymizer;
  }

  /** Issues a key; the answer is the only time the secret is shown. */
  @PostMapping("/api-keys")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> issue(CallerIdentity caller, @RequestBody NewApiKey request) {
    var issued = apiKeys.issue(caller, request.name(), request.agency(), request.unit(), request.roles());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", issued.id());
    body.put("apiKey", issued.secret());
    body.put("header", ApiKeyAuthenticationFilter.HEADER);
    body.put("key", issued.key());
    return body;
  }

  @GetMapping("/api-keys")
  List<JdbcApiKeyStore.StoredApiKey> list() {
    return apiKeys.list();
  }

  @DeleteMapping("/api-keys/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(CallerIdentity caller, @PathVariable String id) {
    apiKeys.revoke(caller, id);
  }

  @GetMapping("/pseudonym-keys")
  Map<String, Object> pseudonymKeys() {
    return Map.of("current", pseudonymizer.currentVersion(), "versions", pseudonymizer.versions());
  }

  @PostMapping("/pseudonym-keys/rotate")
  Map<String, Object> rotate(CallerIdentity caller) {
    int version = pseudonymizer.rotate(caller.agency() + "/" + caller.officer());
    return Map.of("current", version, "versions", pseudonymizer.versions());
  }
}
