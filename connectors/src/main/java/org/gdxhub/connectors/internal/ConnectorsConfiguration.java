package org.gdxhub.connectors.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.CredentialsProvider;
import org.gdxhub.connectors.DemoSources;
import org.gdxhub.connectors.PopulationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Wires the owners' systems from {@code hub.connectors.*}: credentials, one connection pool or
 * HTTP client and one circuit breaker per source, the demo source systems, health and metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorsProperties.class)
@PropertySource(value = "classpath:gdx-connectors.yml", encoding = "UTF-8", factory = YamlPropertySourceFactory.class)
class ConnectorsConfiguration {

  /** The embedded default; a {@link CredentialsProvider} bean elsewhere (e.g. Vault) replaces it. */
  @Bean
  @ConditionalOnMissingBean(CredentialsProvider.class)
  LocalCredentialsProvider localCredentialsProvider(ConnectorsProperties properties) {
    return new LocalCredentialsProvider(System.getenv(), Path.of(properties.credentials().keystorePath()),
        properties.credentials().keystorePassword());
  }

  @Bean(destroyMethod = "close")
  ConnectorSources connectorSources(ConnectorsProperties properties, CredentialsProvider credentials) {
    boolean demo = properties.demo().enabled();
    if (demo) {
      DemoSourceSystems.ensureCredentials(properties, credentials);
    }
    List<String> writable = demo && properties.demo().populationRegistry().seed()
        ? List.of(DemoSourceSystems.POPULATION_REGISTRY) : List.of();
    return new ConnectorSources(properties, credentials, writable);
  }

  @Bean(destroyMethod = "close")
  DemoSourceSystems demoSourceSystems(ConnectorsProperties properties, ConnectorSources sources,
      CredentialsProvider credentials) {
    if (!properties.demo().enabled()) {
      return null;
    }
    return new DemoSourceSystems(properties, sources, credentials);
  }

  @Bean
  DemoSources demoSources(ObjectProvider<DemoSourceSystems> demo) {
    DemoSourceSystems systems = demo.getIfAvailable();
    return systems == null ? new DemoSources(List.of(), List.of(), List.of()) : systems.samples();
  }

  /** The population registry's database, for the demo data and tests (and later change events). */
  @Bean
  PopulationRegistry populationRegistry(ConnectorSources sources, ObjectProvider<DemoSourceSystems> seeded) {
    seeded.getIfAvailable(); // seed before anyone reads
    return new PopulationRegistry(sources.dataSource(DemoSourceSystems.POPULATION_REGISTRY));
  }

  /** {@code /actuator/health/connectors/<source>}: one indicator per owner system. */
  @Bean
  HealthContributor connectors(ConnectorSources sources) {
    Map<String, HealthContributor> indicators = new LinkedHashMap<>();
    sources.sources().forEach((name, source) -> indicators.put(name, new SourceHealthIndicator(name, source, sources)));
    return CompositeHealthContributor.fromMap(indicators);
  }

  /** {@code gdx.connector.circuit.state} per source: 0 closed, 1 open, 2 half-open, 3 other. */
  @Bean
  MeterBinder connectorCircuitMetrics(ConnectorSources sources) {
    return meters -> sources.sources().keySet().forEach(name -> Gauge.builder("gdx.connector.circuit.state",
            sources.circuitBreaker(name), ConnectorsConfiguration::stateValue)
        .description("State of the source's circuit breaker: 0 closed, 1 open, 2 half-open, 3 other")
        .tag("source", name).register(meters));
  }

  private static double stateValue(CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 3;
    };
  }
}
