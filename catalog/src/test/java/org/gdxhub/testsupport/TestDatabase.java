package org.gdxhub.testsupport;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A migrated, empty system-of-record database on H2 or on the test PostgreSQL server. */
public record TestDatabase(String kind, String jdbcUrl, String username, HikariDataSource dataSource)
    implements AutoCloseable {

  /** An in-memory H2 database in the same compatibility mode the hub uses for its file database. */
  public static TestDatabase h2() {
    return h2(LATEST);
  }

  /** The same, migrated only up to {@code version} (to test a later migration on old data); see {@link #migrate}. */
  public static TestDatabase h2(String version) {
    String url = "jdbc:h2:mem:" + UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    return open("h2", url, "sa", version);
  }

  /** A fresh database on the shared test PostgreSQL server. */
  public static TestDatabase postgres() {
    return postgres(LATEST);
  }

  /** The same, migrated only up to {@code version}. */
  public static TestDatabase postgres(String version) {
    PostgresServer server = PostgresServer.shared();
    String url = server.createDatabase("gdx_" + UUID.randomUUID().toString().replace("-", ""));
    return open("postgresql", url, server.username(), version);
  }

  private static final String LATEST = "latest";

  private static TestDatabase open(String kind, String url, String user, String version) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(16);
    HikariDataSource dataSource = new HikariDataSource(config);
    var database = new TestDatabase(kind, url, user, dataSource);
    database.migrate(version);
    return database;
  }

  /** Applies the hub's migrations up to {@code version} ({@code "latest"} for all of them). */
  public void migrate(String version) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version).load().migrate();
  }

  public DataSource ds() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
