package org.gdxhub.security.internal;

import java.time.Duration;
import java.util.Optional;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.security.OfficerRateLimiter;

/**
 * One Resilience4j {@link RateLimiter} per agency/officer: {@code limit} permits per
 * {@code period}, never waiting (a caller over the limit is told when to retry).
 */
final class Resilience4jOfficerRateLimiter implements OfficerRateLimiter {

  private final RateLimiterRegistry registry;
  private final boolean enabled;
  private final Duration period;

  Resilience4jOfficerRateLimiter(int limit, Duration period) {
    this.enabled = limit > 0;
    this.period = period;
    this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
        .limitForPeriod(Math.max(limit, 1)).limitRefreshPeriod(period).timeoutDuration(Duration.ZERO).build());
  }

  @Override
  public Optional<Duration> tryAcquire(CallerIdentity caller) {
    if (!enabled) {
      return Optional.empty();
    }
    RateLimiter limiter = registry.rateLimiter(caller.agency() + "/" + caller.officer());
    if (limiter.acquirePermission()) {
      return Optional.empty();
    }
    // The registry's limiters are AtomicRateLimiters, which know when the next permit frees up.
    long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
        : period.toNanos();
    return Optional.of(Duration.ofNanos(Math.max(nanos, 1_000_000_000L)));
  }
}
