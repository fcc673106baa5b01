package org.gdxhub.security;

import java.time.Duration;
import java.util.Optional;

import org.gdxhub.common.CallerIdentity;

/** Abuse control: how many lookups one officer of one agency may make in a window. */
public interface OfficerRateLimiter {

  /** Takes one permit for the caller; empty when allowed, else how long to wait before retrying. */
  Optional<Duration> tryAcquire(CallerIdentity caller);
}
