package org.gdxhub.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the machine's installation (Debian's postgresql package),
 * started once per test JVM in a temporary directory on a free loopback port and stopped at
 * exit. PostgreSQL refuses to run as root, so under root it runs as the unprivileged user
 * named by {@code -Dgdx.test.user} (bin/test creates it). Missing binaries fail the test:
 * a database test that cannot reach a database must not pass.
 */
public final class PostgresServer {

  private static PostgresServer shared;

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final List<String> asUser;

  private PostgresServer(Path bin, Path dataDir, int port, List<String> asUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asUser = asUser;
  }

  /** The JVM-wide server, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      PostgresServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
    }
    return shared;
  }

  /** A server of one's own (e.g. to stop and restart it as an outage), stopped and deleted at JVM exit. */
  public static PostgresServer startNew() {
    PostgresServer server = start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
    return server;
  }

  /** Stops the server, keeping its data: an outage (connections are cut). */
  public synchronized void halt() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m", "fast", "-w",
          "stop"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot stop PostgreSQL", e);
    }
  }

  /** Starts the server again after {@link #halt()}, on the same port and data. */
  public synchronized void restart() {
    try {
      startServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot restart PostgreSQL", e);
    }
  }

  /** Creates a fresh, empty database and returns its JDBC URL. */
  public String createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
      c.createStatement().execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return jdbcUrl(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String username() {
    return "postgres";
  }

  private static PostgresServer start() {
    try {
      Path bin = findBin();
      Path dataDir = Files.createTempDirectory("gdx-pg-");
      List<String> asUser = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        String user = System.getProperty("gdx.test.user", "gdxtest");
        UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.setOwner(dataDir, owner);
        asUser.addAll(List.of("runuser", "-u", user, "--"));
      }
      int port = FreePorts.loopback();
      var server = new PostgresServer(bin, dataDir, port, asUser);
      server.run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.resolve("data").toString(), "-U", "postgres",
          "-A", "trust", "-E", "UTF8", "--locale=C"));
      server.startServer();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL for the tests", e);
    }
  }

  private void startServer() throws IOException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-l",
        dataDir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
        "start"));
  }

  private void stop() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m", "immediate",
          "-w", "stop"));
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("could not stop test PostgreSQL in " + dataDir + ": " + e);
    }
  }

  private void run(List<String> command) throws IOException {
    List<String> full = new ArrayList<>(asUser);
    full.addAll(command);
    Process process = new ProcessBuilder(full).directory(dataDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("command failed: " + full + "\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + full, e);
    }
  }

  private static Path findBin() throws IOException {
    String configured = System.getProperty("gdx.pg.bin");
    if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new IllegalStateException(
        "PostgreSQL server binaries not found: run the tests with bin/test (it installs Debian's postgresql) "
            + "or pass -Dgdx.pg.bin=<dir with initdb and pg_ctl>");
  }

}
