package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorTestProperties;
import org.gdxhub.connectors.ConnectorsTestApplication;
import org.gdxhub.connectors.DemoSources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Route tests with AdviceWith: the call to the source is replaced by a failure, to check which
 * failures are retried (with backoff) and how each is reported.
 */
@SpringBootTest(classes = ConnectorsTestApplication.class)
@DirtiesContext
class ConnectorRetryIT {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    ConnectorTestProperties.register(properties);
  }

  @Autowired
  CamelContext camel;
  @Autowired
  ConnectorGateway gateway;
  @Autowired
  DemoSources demo;

  @Test
  void aConnectionFailureIsRetriedTwiceThenSourceUnavailable() throws Exception {
    AtomicInteger attempts = fail("business-registry.company-certificate", new ConnectException("Connection refused"));
    long started = System.nanoTime();
    assertThatThrownBy(() -> gateway.fetch("business-registry.company-certificate", demo.juristicIds().getFirst(),
        List.of("juristic_id")))
        .isInstanceOfSatisfying(HubException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
          assertThat(e.getCause()).hasRootCauseInstanceOf(ConnectException.class);
        });
    assertThat(attempts).hasValue(3);
    assertThat((System.nanoTime() - started) / 1_000_000).as("backoff 100ms then 200ms").isGreaterThanOrEqualTo(300);
  }

  @Test
  void aTimeoutIsNotRetriedAndIsSourceTimeout() throws Exception {
    AtomicInteger attempts = fail("business-registry.shareholder-list", new SocketTimeoutException("Read timed out"));
    assertThatThrownBy(() -> gateway.fetch("business-registry.shareholder-list", demo.juristicIds().getFirst(),
        List.of("juristic_id")))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_TIMEOUT));
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aRefusalByTheSourceIsNotRetried() throws Exception {
    AtomicInteger attempts = fail("revenue-department.vat-registration",
        new HubException(ErrorCode.SOURCE_UNAVAILABLE, "revenue-department refused the hub's credentials (HTTP 401)"));
    assertThatThrownBy(() -> gateway.fetch("revenue-department.vat-registration", demo.vatRegisteredIds().getFirst(),
        List.of("tax_id")))
        .isInstanceOfSatisfying(HubException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
          assertThat(e.getMessage()).contains("credentials");
        });
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aTransientDatabaseFailureIsRetried() throws Exception {
    AtomicInteger attempts = fail("population-registry.civil-record",
        new java.sql.SQLTransientConnectionException("pool exhausted"));
    assertThatThrownBy(() -> gateway.fetch("population-registry.civil-record", demo.citizenIds().getFirst(),
        List.of("citizen_id")))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
    assertThat(attempts).hasValue(3);
  }

  private AtomicInteger fail(String route, Exception failure) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    AdviceWith.adviceWith(camel, route + ".call", advice -> advice.weaveById(route + ".source").replace().process(exchange -> {
      attempts.incrementAndGet();
      throw failure;
    }));
    return attempts;
  }
}
