package org.gdxhub.connectors.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;

import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.Source;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of one owner system: JDBC sources validate a pooled connection, HTTP sources request
 * their health path (with the source's credentials), within the source's connect timeout.
 * Details name the kind and the state of the source's circuit breaker.
 */
class SourceHealthIndicator implements HealthIndicator {

  private final String name;
  private final Source source;
  private final ConnectorSources sources;
  private final HttpClient http;

  SourceHealthIndicator(String name, Source source, ConnectorSources sources) {
    this.name = name;
    this.source = source;
    this.sources = sources;
    this.http = ConnectorsProperties.JDBC.equals(source.kind()) ? null
        : HttpClient.newBuilder().connectTimeout(source.connectTimeout()).build();
  }

  @Override
  public Health health() {
    Health.Builder health;
    try {
      health = ConnectorsProperties.JDBC.equals(source.kind()) ? checkDatabase() : checkHttp();
    } catch (Exception e) {
      health = Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return health.withDetail("kind", source.kind())
        .withDetail("circuitBreaker", sources.circuitBreaker(name).getState().name())
        .build();
  }

  private Health.Builder checkDatabase() throws Exception {
    try (Connection connection = sources.dataSource(name).getConnection()) {
      int seconds = (int) Math.max(1, source.connectTimeout().toSeconds());
      return connection.isValid(seconds) ? Health.up() : Health.down().withDetail("error", "connection not valid");
    }
  }

  private Health.Builder checkHttp() throws Exception {
    String path = source.healthPath() == null ? "" : source.healthPath();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(source.url() + path))
        .timeout(source.connectTimeout().plus(Duration.ofMillis(500))).GET();
    sources.credentials(name).ifPresent(c -> request.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8))));
    HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    return response.statusCode() / 100 == 2 ? Health.up().withDetail("status", response.statusCode())
        : Health.down().withDetail("status", response.statusCode());
  }
}
