package org.gdxhub.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local issuer's endpoints: a token for a configured demo user (no password: demo only,
 * present only when {@code hub.security.demo-users} is set), the JWKS, and "who am I".
 */
@RestController
class AuthController {

  record TokenRequest(String username) {}

  private final SecurityProperties properties;
  private final ObjectProvider<LocalTokenIssuer> issuer;

  AuthController(SecurityProperties properties, ObjectProvider<LocalTokenIssuer> issuer) {
    this.properties = properties;
    this.issuer = issuer;
  }

  @PostMapping("/api/v1/auth/token")
  ResponseEntity<Map<String, Object>> token(@RequestBody(required = false) TokenRequest request) {
    LocalTokenIssuer local = issuer.getIfAvailable();
    if (local == null || properties.demoUsers().isEmpty()) {
      throw new HubException(ErrorCode.NOT_FOUND, "the hub issues no demo tokens here (hub.security.demo-users is empty)");
    }
    String username = request == null ? null : request.username();
    SecurityProperties.DemoUser user = Optional.ofNullable(username).map(properties.demoUsers()::get)
        .orElseThrow(() -> new HubException(ErrorCode.UNAUTHENTICATED,
            "unknown demo user; demo users: " + new TreeMap<>(properties.demoUsers()).keySet()));
    var caller = new CallerIdentity(user.agency(), user.unit(), user.officer(),
        new HashSet<>(CallerAuthentication.knownRoles(user.roles())));
    Duration ttl = properties.localIssuer().tokenTtl();
    var token = local.issue(caller, ttl);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token.accessToken());
    body.put("token_type", "Bearer");
    body.put("expires_in", Duration.between(Instant.now(), token.expiresAt()).toSeconds());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }

  @GetMapping({"/api/v1/auth/jwks", "/.well-known/jwks.json"})
  Map<String, Object> jwks() {
    LocalTokenIssuer local = issuer.getIfAvailable();
    if (local == null) {
      throw new HubException(ErrorCode.NOT_FOUND, "the local token issuer is off; keys come from the external IdP");
    }
    return local.jwks();
  }

  @GetMapping("/api/v1/auth/me")
  CallerIdentity me(CallerIdentity caller) {
    return caller;
  }
}
