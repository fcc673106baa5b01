package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.connectors.ConnectorTestProperties;
import org.gdxhub.connectors.CredentialsProvider.Credentials;
import org.gdxhub.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JDBC routes on a real PostgreSQL server: the registry schema and demo data are seeded
 * into a fresh database owned by a dedicated login role, whose credentials the connector reads
 * from the credentials store. Also: a query slower than the source's timeout is source_timeout.
 */
class PostgresPopulationRegistryRouteIT extends PopulationRegistryRouteContract {

  static final String ROLE = "gdx_registry";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws Exception {
    ConnectorTestProperties.register(properties);
    PostgresServer server = PostgresServer.shared();
    String database = "registry_" + UUID.randomUUID().toString().replace("-", "");
    String url = server.createDatabase(database);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), "")) {
      c.createStatement().execute("do $$ begin create role " + ROLE + " login password 'registry-secret'; "
          + "exception when duplicate_object then null; end $$");
      c.createStatement().execute("alter database " + database + " owner to " + ROLE);
    }
    Path keystore = Files.createTempDirectory("gdx-pg-credentials-").resolve("credentials.p12");
    new LocalCredentialsProvider(Map.of(), keystore, "gdx-hub-demo")
        .store("population-registry", new Credentials(ROLE, "registry-secret"));
    properties.add("hub.connectors.credentials.keystore-path", keystore::toString);
    properties.add("hub.connectors.sources.population-registry.url", () -> url);
    properties.add("hub.connectors.sources.population-registry.timeout", () -> "2s");
    // A flow added by configuration alone, against a deliberately slow query.
    properties.add("hub.connectors.sources.population-registry.flows.slow-record.query",
        () -> "select c.citizen_id, c.status from citizen c, (select pg_sleep(10)) s where c.citizen_id = :#gdxSubjectId");
  }

  @Test
  void connectsAsTheRoleFromTheCredentialsStore() throws SQLException {
    try (Connection c = registry.dataSource().getConnection()) {
      assertThat(c.getMetaData().getUserName()).isEqualTo(ROLE);
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
  }

  @Test
  void aQuerySlowerThanTheTimeoutIsSourceTimeout() {
    String citizen = registry.sampleCitizenIds(1).getFirst();
    long started = System.nanoTime();
    assertThatThrownBy(() -> gateway.fetch("population-registry.slow-record", citizen, List.of("citizen_id")))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_TIMEOUT));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(millis).as("answered within the 2s budget plus slack").isBetween(1_500L, 4_000L);
  }
}
