package org.gdxhub.connectors.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.Source;
import org.gdxhub.connectors.CredentialsProvider;
import org.gdxhub.connectors.CredentialsProvider.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * The live resources of every configured source: a connection pool (JDBC) or an HTTP client
 * with the source's timeouts, and one circuit breaker per source shared by all its flows.
 */
public class ConnectorSources implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConnectorSources.class);

  private final Map<String, Source> sources = new LinkedHashMap<>();
  private final Map<String, HikariDataSource> dataSources = new LinkedHashMap<>();
  private final Map<String, CloseableHttpClient> httpClients = new LinkedHashMap<>();
  private final Map<String, CircuitBreaker> circuitBreakers = new LinkedHashMap<>();
  private final CredentialsProvider credentials;

  public ConnectorSources(ConnectorsProperties properties, CredentialsProvider credentials, List<String> writableSources) {
    this.credentials = credentials;
    properties.sources().forEach((name, source) -> {
      if (!source.enabled()) {
        return;
      }
      requireValid(name, source);
      sources.put(name, source);
      circuitBreakers.put(name, circuitBreaker(name, source));
      warnIfCredentialsMissing(name);
      switch (source.kind()) {
        case ConnectorsProperties.JDBC -> dataSources.put(name, dataSource(name, source, writableSources.contains(name)));
        default -> httpClients.put(name, httpClient(source));
      }
    });
    log.info("connector sources: {}", sources.keySet());
  }

  public Map<String, Source> sources() {
    return Map.copyOf(sources);
  }

  /** Enabled sources of one kind, in configuration order. */
  public Map<String, Source> ofKind(String kind) {
    Map<String, Source> result = new LinkedHashMap<>();
    sources.forEach((name, source) -> {
      if (kind.equals(source.kind())) {
        result.put(name, source);
      }
    });
    return result;
  }

  public DataSource dataSource(String source) {
    DataSource dataSource = dataSources.get(source);
    if (dataSource == null) {
      throw new IllegalStateException("no JDBC source " + source + " is configured");
    }
    return dataSource;
  }

  public HttpClient httpClient(String source) {
    return httpClients.get(source);
  }

  public CircuitBreaker circuitBreaker(String source) {
    return circuitBreakers.get(source);
  }

  /** The source's credentials, if it names any; a named but missing credential is a configuration error. */
  public Optional<Credentials> credentials(String source) {
    String name = sources.get(source).credentials();
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(credentials.credentials(name).orElseThrow(() -> new HubException(ErrorCode.SOURCE_UNAVAILABLE,
        "no credentials '" + name + "' for source " + source + " in the credentials store")));
  }

  /** Reads the credentials once at start (warms the store's cache); a missing one fails only that source's calls. */
  private void warnIfCredentialsMissing(String source) {
    try {
      credentials(source);
    } catch (HubException e) {
      log.warn("source {}: {}", source, e.getMessage());
    }
  }

  /** Camel registry name of a JDBC source's data source, e.g. {@code populationRegistryDataSource}. */
  public static String dataSourceName(String source) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : source.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.append("DataSource").toString();
  }

  private static void requireValid(String name, Source source) {
    if (!List.of(ConnectorsProperties.JDBC, ConnectorsProperties.HTTP_JSON, ConnectorsProperties.SOAP_XML)
        .contains(source.kind())) {
      throw new IllegalStateException("source " + name + ": unknown kind '" + source.kind()
          + "' (jdbc, http-json or soap-xml)");
    }
    if (source.url() == null || source.url().isBlank()) {
      throw new IllegalStateException("source " + name + ": url is required");
    }
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalStateException("source name " + name + " must be lowercase letters, digits and '-'");
    }
  }

  private static CircuitBreaker circuitBreaker(String name, Source source) {
    ConnectorsProperties.CircuitBreaker config = source.circuitBreaker();
    return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .failureRateThreshold(config.failureRateThreshold())
        .slidingWindowSize(config.slidingWindow())
        .minimumNumberOfCalls(config.minimumCalls())
        .waitDurationInOpenState(config.openFor())
        .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, config.minimumCalls())))
        .build());
  }

  private HikariDataSource dataSource(String name, Source source, boolean writable) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("source-" + name);
    hikari.setJdbcUrl(source.url());
    try {
      credentials(name).ifPresent(c -> {
        hikari.setUsername(c.username());
        hikari.setPassword(c.secret());
      });
    } catch (HubException e) {
      // Already warned: the pool starts without a login and the source's lookups fail (source_unavailable).
    }
    hikari.setMaximumPoolSize(source.maxConnections());
    hikari.setMinimumIdle(1);
    // A dead owner database must fail a lookup quickly (source_unavailable), and must never stop the hub from starting.
    hikari.setConnectionTimeout(Math.max(250, source.connectTimeout().toMillis()));
    hikari.setValidationTimeout(Math.max(250, source.connectTimeout().toMillis()));
    hikari.setInitializationFailTimeout(-1);
    hikari.setReadOnly(!writable);
    return new HikariDataSource(hikari);
  }

  private static CloseableHttpClient httpClient(Source source) {
    Timeout connect = Timeout.ofMilliseconds(source.connectTimeout().toMillis());
    Timeout answer = Timeout.ofMilliseconds(source.timeout().toMillis());
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(answer).build())
            .setMaxConnTotal(source.maxConnections()).setMaxConnPerRoute(source.maxConnections())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(answer).build())
        // Retries are the route's job (with backoff, and never after a timeout).
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .build();
  }

  @Override
  public void close() {
    dataSources.values().forEach(HikariDataSource::close);
    httpClients.values().forEach(client -> {
      try {
        client.close();
      } catch (java.io.IOException e) {
        log.debug("closing HTTP client", e);
      }
    });
  }
}
