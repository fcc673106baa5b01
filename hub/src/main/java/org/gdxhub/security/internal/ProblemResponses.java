package org.gdxhub.security.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.JsonText;
import org.gdxhub.common.ProblemDetailsAdvice;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * RFC 9457 problems for what the security filters reject before any controller runs: 401
 * {@code unauthenticated} (no, forged, expired or unsigned credentials) and 403 {@code role_required}.
 * The detail never echoes the token or why exactly it failed, so nothing helps a forger.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    write(response, ErrorCode.UNAUTHENTICATED, request,
        "send Authorization: Bearer <token> (POST /api/v1/auth/token for a demo user) or an X-GDX-Api-Key");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(response, ErrorCode.ROLE_REQUIRED, request, "your roles do not allow " + request.getMethod() + " "
        + request.getRequestURI());
  }

  static void write(HttpServletResponse response, ErrorCode error, HttpServletRequest request, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", ProblemDetailsAdvice.typeOf(error.code()).toString());
    problem.put("title", error.title());
    problem.put("status", error.status().value());
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    problem.put("code", error.code());
    response.setStatus(error.status().value());
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JsonText.write(problem));
  }
}
