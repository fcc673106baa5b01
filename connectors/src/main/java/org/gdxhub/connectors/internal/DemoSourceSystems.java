package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.ConnectorsProperties.DemoServer;
import org.gdxhub.connectors.CredentialsProvider;
import org.gdxhub.connectors.CredentialsProvider.Credentials;
import org.gdxhub.connectors.DemoSources;

/**
 * The bundled demo owner systems of the embedded run: seeds the population registry's
 * database, and starts the demo HTTP servers (business registry, revenue department) on
 * 127.0.0.1. Their credentials are created in the local credentials store on first start, so
 * the hub reaches them exactly as it would reach a real owner: with stored credentials.
 */
public class DemoSourceSystems implements AutoCloseable {

  static final String POPULATION_REGISTRY = "population-registry";
  static final String REGISTRY_USER = "gdx_connector";

  private final Map<String, DemoHttpServer> servers = new LinkedHashMap<>();
  private final DemoSources samples;

  DemoSourceSystems(ConnectorsProperties properties, ConnectorSources sources, CredentialsProvider credentials) {
    List<String> citizens = List.of();
    List<DemoRevenueDepartment.Person> people = List.of();
    org.gdxhub.connectors.PopulationRegistry seeded = null;
    if (properties.demo().populationRegistry().seed() && sources.sources().containsKey(POPULATION_REGISTRY)) {
      var registry = new DemoPopulationRegistry(sources.dataSource(POPULATION_REGISTRY));
      registry.seedIfEmpty(properties.demo().populationRegistry().people());
      people = registry.people();
      seeded = new org.gdxhub.connectors.PopulationRegistry(sources.dataSource(POPULATION_REGISTRY));
      citizens = seeded.sampleCitizenIds(Integer.MAX_VALUE);
    }
    // Business registries first: the revenue department's registrants include their companies.
    Map<String, DemoBusinessRegistry> registries = new LinkedHashMap<>();
    properties.demo().servers().forEach((name, config) -> {
      if (!DemoBusinessRegistry.KIND.equals(config.kind()) && !DemoRevenueDepartment.KIND.equals(config.kind())
          && !DemoRegistryClerk.KIND.equals(config.kind())) {
        throw new IllegalStateException("demo server " + name + ": unknown kind " + config.kind());
      }
      if (DemoBusinessRegistry.KIND.equals(config.kind())) {
        registries.put(name, new DemoBusinessRegistry(name, config.port(), config.delay(),
            expected(name, config, credentials), config.companies()));
      }
    });
    DemoBusinessRegistry business = registries.getOrDefault(DemoBusinessRegistry.KIND,
        registries.values().stream().findFirst().orElse(null));
    servers.putAll(registries);
    List<String> vat = List.of();
    for (var entry : properties.demo().servers().entrySet()) {
      DemoServer config = entry.getValue();
      if (DemoRevenueDepartment.KIND.equals(config.kind())) {
        var server = new DemoRevenueDepartment(entry.getKey(), config.port(), config.delay(),
            expected(entry.getKey(), config, credentials), business, people);
        servers.put(entry.getKey(), server);
        if (vat.isEmpty() || entry.getKey().equals(DemoRevenueDepartment.KIND)) {
          vat = server.registeredIds();
        }
      }
    }
    for (var entry : properties.demo().servers().entrySet()) {
      DemoServer config = entry.getValue();
      // The registrar's desk needs the seeded demo registry to write to.
      if (DemoRegistryClerk.KIND.equals(config.kind()) && seeded != null) {
        servers.put(entry.getKey(), new DemoRegistryClerk(entry.getKey(), config.port(), config.delay(),
            expected(entry.getKey(), config, credentials), seeded));
      }
    }
    try {
      for (DemoHttpServer server : servers.values()) {
        server.start();
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start a demo source system (is its port taken? set "
          + "hub.connectors.demo.servers.<name>.port)", e);
    }
    this.samples = new DemoSources(citizens, business == null ? List.of() : business.juristicIds(), vat);
  }

  private static Credentials expected(String name, DemoServer config, CredentialsProvider credentials) {
    return config.credentials() == null ? null : credentials.credentials(config.credentials()).orElseThrow(
        () -> new IllegalStateException("demo server " + name + ": no credentials '" + config.credentials() + "'"));
  }

  /**
   * Creates the demo systems' credentials in the local store when missing. Runs before the
   * sources' connection pools are built, since those read the credentials.
   */
  static void ensureCredentials(ConnectorsProperties properties, CredentialsProvider credentials) {
    List<String> names = new ArrayList<>();
    properties.demo().servers().values().forEach(s -> names.add(s.credentials()));
    var registry = properties.sources().get(POPULATION_REGISTRY);
    if (properties.demo().populationRegistry().seed() && registry != null) {
      names.add(registry.credentials());
    }
    for (String name : names) {
      if (name == null || credentials.credentials(name).isPresent()) {
        continue;
      }
      if (!(credentials instanceof LocalCredentialsProvider local)) {
        throw new IllegalStateException("demo credentials '" + name + "' are missing from the credentials provider");
      }
      local.createIfMissing(name, name.equals(registry == null ? null : registry.credentials()) ? REGISTRY_USER : "gdx-hub");
    }
  }

  public DemoSources samples() {
    return samples;
  }

  /** A running demo server by name (tests stop and restart them to simulate a dead source). */
  DemoHttpServer server(String name) {
    return servers.get(name);
  }

  @Override
  public void close() {
    servers.values().forEach(DemoHttpServer::close);
  }
}
