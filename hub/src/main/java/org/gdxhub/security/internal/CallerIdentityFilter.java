package org.gdxhub.security.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gdxhub.common.CallerIdentity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Hands the authenticated caller to the controllers' {@code CallerIdentity} parameters (request attribute). */
final class CallerIdentityFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Whatever a client put there is replaced: only an authentication sets the caller.
    request.removeAttribute(CallerIdentity.REQUEST_ATTRIBUTE);
    if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication) {
      request.setAttribute(CallerIdentity.REQUEST_ATTRIBUTE, authentication.caller());
    }
    chain.doFilter(request, response);
  }
}
