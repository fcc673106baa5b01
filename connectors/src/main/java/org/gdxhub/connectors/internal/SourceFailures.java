package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * Classifies what went wrong in a connector route: a slow source ({@code source_timeout}),
 * anything else ({@code source_unavailable}), and which failures a retry may cure.
 */
public final class SourceFailures {

  private SourceFailures() {}

  /** The source accepted the call but did not answer within the budget. */
  public static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectTimeoutException) {
        return false; // could not even connect: the source is down, not slow
      }
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof SQLTimeoutException
          || t instanceof QueryTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The circuit breaker rejected the call without trying the source. */
  public static boolean isCircuitOpen(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CallNotPermittedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether another attempt may succeed: connection-level I/O failures and transient database
   * errors, but never a timeout (the caller's time is spent) or an open circuit.
   */
  public static boolean isRetryable(Throwable failure) {
    if (failure == null || isTimeout(failure) || isCircuitOpen(failure)) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HubException) {
        return false; // the source answered, and the answer was final (e.g. credentials refused)
      }
      if ((t instanceof IOException && !(t instanceof InterruptedIOException)) || t instanceof ConnectTimeoutException
          || t instanceof SQLTransientException || t instanceof SQLRecoverableException
          || t instanceof TransientDataAccessException
          || t instanceof org.springframework.dao.DataAccessResourceFailureException) {
        return true;
      }
    }
    return false;
  }

  /** The hub's error for a failed connector call. */
  public static HubException toHubException(String routeId, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HubException hub) {
        return new HubException(hub.errorCode(), hub.getMessage(), failure);
      }
    }
    if (isTimeout(failure)) {
      return new HubException(ErrorCode.SOURCE_TIMEOUT, "the source of " + routeId + " did not answer in time", failure);
    }
    if (isCircuitOpen(failure)) {
      return new HubException(ErrorCode.SOURCE_UNAVAILABLE,
          "the source of " + routeId + " is failing; its circuit breaker is open", failure);
    }
    return new HubException(ErrorCode.SOURCE_UNAVAILABLE, "connector " + routeId + " failed", failure);
  }
}
