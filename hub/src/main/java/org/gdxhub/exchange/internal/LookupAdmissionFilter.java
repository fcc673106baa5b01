package org.gdxhub.exchange.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.JsonText;
import org.gdxhub.common.ProblemDetailsAdvice;
import org.gdxhub.exchange.ExchangeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Admission control for lookups (issue #9, ADR 0017): a Resilience4j bulkhead lets at most
 * {@code hub.exchange.admission.max-concurrent} lookups through at once; one beyond waits up to
 * {@code max-wait} for a place, else gets {@code 503 overloaded} with {@code Retry-After}. It runs
 * before authentication, so a refusal costs no token check, no JSON parsing and no database work:
 * under overload the hub keeps its pace for the lookups it admitted instead of letting every
 * caller queue inside (for the connectors' connections, the policy instances, the ledger commit)
 * until they all time out. A refused call has no decision and nothing was done for it, so it is
 * not ledgered (like a refused connection); it is counted in {@code gdx.exchange.admission.refused}.
 */
class LookupAdmissionFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LookupAdmissionFilter.class);

  private final Bulkhead bulkhead;
  private final long retryAfterSeconds;
  private final Counter refused;

  LookupAdmissionFilter(ExchangeProperties.Admission config, MeterRegistry meters) {
    this.bulkhead = Bulkhead.of("exchange-lookups", BulkheadConfig.custom()
        .maxConcurrentCalls(config.maxConcurrent())
        .maxWaitDuration(config.maxWait())
        .fairCallHandlingStrategyEnabled(true)
        .build());
    this.retryAfterSeconds = config.retryAfterSeconds();
    this.refused = Counter.builder("gdx.exchange.admission.refused")
        .description("lookups answered 503 overloaded at the door (not ledgered)").register(meters);
    Gauge.builder("gdx.exchange.admission.in-flight", bulkhead,
            b -> b.getBulkheadConfig().getMaxConcurrentCalls() - b.getMetrics().getAvailableConcurrentCalls())
        .description("lookups admitted and not yet answered").register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return !"POST".equals(request.getMethod()) || !uri.startsWith("/api/v1/exchange/") || !uri.endsWith("/lookup");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!bulkhead.tryAcquirePermission()) {
      refused.increment();
      log.debug("lookup refused at the door: {} lookups in flight", bulkhead.getBulkheadConfig().getMaxConcurrentCalls());
      writeOverloaded(request, response);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      bulkhead.onComplete();
    }
  }

  private void writeOverloaded(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ErrorCode error = ErrorCode.OVERLOADED;
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", ProblemDetailsAdvice.typeOf(error.code()).toString());
    problem.put("title", error.title());
    problem.put("status", error.status().value());
    problem.put("detail", "the hub is working on as many lookups as it admits at once; nothing was done for this"
        + " one; retry after " + retryAfterSeconds + " s");
    problem.put("instance", request.getRequestURI());
    problem.put("code", error.code());
    problem.put("retryAfterSeconds", retryAfterSeconds);
    response.setStatus(error.status().value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JsonText.write(problem));
  }
}
