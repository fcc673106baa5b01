package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

class SourceFailuresTest {

  @Test
  void slowAnswersAreTimeoutsButAFailedConnectIsUnavailable() {
    assertThat(code(new TimeoutException())).isEqualTo(ErrorCode.SOURCE_TIMEOUT);
    assertThat(code(new RuntimeCamelException(new SocketTimeoutException("Read timed out")))).isEqualTo(ErrorCode.SOURCE_TIMEOUT);
    assertThat(code(new SQLTimeoutException("canceling statement"))).isEqualTo(ErrorCode.SOURCE_TIMEOUT);
    assertThat(code(new ConnectTimeoutException("connect timed out"))).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(code(new ConnectException("Connection refused"))).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
  }

  @Test
  void anOpenCircuitIsUnavailableAndSaysSo() {
    var open = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("x"));
    HubException e = SourceFailures.toHubException("x.flow", open);
    assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(e.getMessage()).contains("circuit breaker is open");
  }

  @Test
  void onlyConnectionLevelAndTransientFailuresAreRetried() {
    assertThat(SourceFailures.isRetryable(new ConnectException("refused"))).isTrue();
    assertThat(SourceFailures.isRetryable(new RuntimeCamelException(new IOException("reset")))).isTrue();
    assertThat(SourceFailures.isRetryable(new SQLTransientConnectionException("pool"))).isTrue();
    assertThat(SourceFailures.isRetryable(new SocketTimeoutException("slow"))).isFalse();
    assertThat(SourceFailures.isRetryable(new TimeoutException())).isFalse();
    assertThat(SourceFailures.isRetryable(new HubException(ErrorCode.SOURCE_UNAVAILABLE, "HTTP 401"))).isFalse();
    assertThat(SourceFailures.isRetryable(new IllegalStateException("bug"))).isFalse();
  }

  private static ErrorCode code(Throwable failure) {
    return SourceFailures.toHubException("x.flow", failure).errorCode();
  }
}
