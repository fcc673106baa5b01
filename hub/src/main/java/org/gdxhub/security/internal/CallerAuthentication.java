package org.gdxhub.security.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gdxhub.common.CallerIdentity;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** An authenticated caller (from a JWT, an API key or a client certificate); authorities are {@code ROLE_<role>}. */
final class CallerAuthentication extends AbstractAuthenticationToken {

  private final CallerIdentity caller;
  private final String method;

  CallerAuthentication(CallerIdentity caller, String method) {
    super(caller.roles().stream().sorted().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    this.caller = caller;
    this.method = method;
    setAuthenticated(true);
  }

  /**
   * Runs the rest of the filter chain authenticated as {@code caller} (a filter that
   * authenticated the request itself, e.g. by API key or client certificate), then clears it.
   */
  static void continueAs(CallerIdentity caller, String method, HttpServletRequest request,
      HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new CallerAuthentication(caller, method));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
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
