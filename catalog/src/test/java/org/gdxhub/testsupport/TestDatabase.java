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
    String url = "jdbc:h2:mem:" + UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    return open("h2", url, "sa");
  }

  /** A fresh database on the shared test PostgreSQL server. */
  public static TestDatabase postgres() {
    PostgresServer server = PostgresServer.shared();
    String url = server.createDatabase("gdx_" + UUID.randomUUID().toString().replace("-", ""));
    return open("postgresql", url, server.username());
  }

  private static TestDatabase open(String kind, String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(16);
    HikariDataSource dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return new TestDatabase(kind, url, user, dataSource);
  }

  public DataSource ds() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
