package org.gdxhub.security.internal;

import java.util.List;

import org.gdxhub.common.CallerIdentity;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller (from a JWT or an API key); authorities are {@code ROLE_<role>}. */
final class CallerAuthentication extends AbstractAuthenticationToken {

  private final CallerIdentity caller;
  private final String method;

  CallerAuthentication(CallerIdentity caller, String method) {
    super(caller.roles().stream().sorted().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    this.caller = caller;
    this.method = method;
    setAuthenticated(true);
  }

  CallerIdentity caller() {
    return caller;
  }

  /** {@code jwt} or {@code api-key}. */
  String method() {
    return method;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller.agency() + "/" + caller.officer();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallerAuthentication other && other.caller.equals(caller) && other.method.equals(method);
  }

  @Override
  public int hashCode() {
    return caller.hashCode();
  }

  static List<String> knownRoles(Iterable<?> values) {
    List<String> roles = new java.util.ArrayList<>();
    for (Object v : values) {
      String role = String.valueOf(v).trim();
      if (org.gdxhub.security.Roles.ALL.contains(role)) {
        roles.add(role);
      }
    }
    return roles;
  }
}
