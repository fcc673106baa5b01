package org.gdxhub.security.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-GDX-Api-Key: gdx_...} (system-to-system callers). A key that is
 * present but unknown or revoked is answered 401 at once; no key lets the request go on to
 * the bearer-token filter.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-GDX-Api-Key";

  private final ApiKeyService keys;

  ApiKeyAuthenticationFilter(ApiKeyService keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String secret = request.getHeader(HEADER);
    if (secret == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<CallerIdentity> caller = keys.authenticate(secret);
    if (caller.isEmpty()) {
      ProblemResponses.write(response, ErrorCode.UNAUTHENTICATED, request, "unknown or revoked API key");
      return;
    }
    CallerAuthentication.continueAs(caller.get(), "api-key", request, response, chain);
  }
}
