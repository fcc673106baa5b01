package org.gdxhub.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Elasticsearch 8.19 server, from the {@code integ-test-zip} distribution that the hub's
 * Maven build unpacks into {@code target/elasticsearch} (its path comes as {@code -Dgdx.es.home}).
 * Started once per test JVM on a free loopback port with security off, single-node discovery
 * (so the production bootstrap checks, e.g. vm.max_map_count, are not enforced), a small heap
 * and temporary data, log and config directories; stopped at exit. Elasticsearch refuses to run
 * as root, so under root it runs as {@code -Dgdx.test.user} (bin/test creates it). The zip has no
 * bundled JDK: ES_JAVA_HOME is the JDK running the tests.
 *
 * <p>{@link #shared()} is one server for the whole JVM; a test that stops the server takes its
 * own with {@link #startNew()} and bounces it with {@link #stop()} and {@link #restart()} (same
 * port, same data), as an operator restarting the node would.
 */
public final class ElasticsearchServer {

  private static ElasticsearchServer shared;

  private final ProcessBuilder builder;
  private final Path workDir;
  private final int port;
  private Process process;

  private ElasticsearchServer(ProcessBuilder builder, Path workDir, int port) {
    this.builder = builder;
    this.workDir = workDir;
    this.port = port;
  }

  /** The JVM-wide server, started on first use. Do not stop it: other tests share it. */
  public static synchronized ElasticsearchServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /** A server of one's own (e.g. to stop and restart it), stopped and deleted at JVM exit. */
  public static ElasticsearchServer startNew() {
    ElasticsearchServer server = start(System.getProperty("gdx.es.heap", "512m"));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "elasticsearch-stop"));
    return server;
  }

  /** Stops the node (SIGTERM, a clean shutdown), keeping its data and port for {@link #restart()}. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    // runuser forwards SIGTERM to Elasticsearch, which shuts down cleanly.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the node again on the same port and data, and waits until the cluster is not red. */
  public synchronized void restart() {
    if (process != null) {
      throw new IllegalStateException("Elasticsearch is running");
    }
    launch();
  }

  private void launch() {
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Elasticsearch", e);
    }
    awaitGreen(Duration.ofMinutes(3));
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private static ElasticsearchServer start(String heap) {
    Path home = findHome();
    try {
      Path work = Files.createTempDirectory("gdx-es-");
      Path config = work.resolve("config");
      Files.createDirectories(work.resolve("data"));
      Files.createDirectories(work.resolve("logs"));
      Files.createDirectories(work.resolve("tmp"));
      copyTree(home.resolve("config"), config);
      int port = FreePorts.loopback();
      Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
          "cluster.name: gdx-test",
          "node.name: gdx-test-node",
          "discovery.type: single-node",
          "network.host: 127.0.0.1",
          "http.port: " + port,
          "transport.port: " + FreePorts.loopback(),
          "path.data: " + work.resolve("data"),
          "path.logs: " + work.resolve("logs"),
          "xpack.security.enabled: false",
          "cluster.routing.allocation.disk.threshold_enabled: false",
          "action.destructive_requires_name: false",
          ""));
      // The GC log and error files go to the working directory by default: keep them in ours.
      Files.writeString(config.resolve("jvm.options.d").resolve("gdx-test.options"),
          "-Xms" + heap + "\n-Xmx" + heap + "\n-Xlog:disable\n-Xlog:all=warning:stderr\n");
      List<String> command = new ArrayList<>();
      boolean root = "root".equals(System.getProperty("user.name"));
      Path esHome = home;
      if (root) {
        String user = System.getProperty("gdx.test.user", "gdxtest");
        UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> files = Files.walk(work)) {
          for (Path p : files.toList()) {
            Files.setOwner(p, owner);
          }
        }
        if (!readableBy(user, home)) {
          // The checkout is not readable by the unprivileged user: run a copy from the temp dir.
          esHome = work.resolve("home");
          copyTree(home, esHome);
          try (Stream<Path> files = Files.walk(esHome)) {
            for (Path p : files.toList()) {
              Files.setOwner(p, owner);
            }
          }
        }
        command.addAll(List.of("runuser", "-u", user, "--", "env",
            "ES_JAVA_HOME=" + System.getProperty("java.home"), "ES_PATH_CONF=" + config,
            "ES_TMPDIR=" + work.resolve("tmp"), "ES_JAVA_OPTS="));
      }
      command.add(esHome.resolve("bin/elasticsearch").toString());
      ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
              work.resolve("logs/console.log").toFile()));
      builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("ES_PATH_CONF", config.toString());
      builder.environment().put("ES_TMPDIR", work.resolve("tmp").toString());
      builder.environment().remove("ES_JAVA_OPTS");
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      var server = new ElasticsearchServer(builder, work, port);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Elasticsearch for the tests from " + home, e);
    }
  }

  private void awaitGreen(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Elasticsearch exited with " + process.exitValue() + ":\n" + consoleTail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/_cluster/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && !r.body().contains("\"red\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    String tail = consoleTail();
    close();
    throw new IllegalStateException("Elasticsearch did not become ready within " + timeout + ":\n" + tail);
  }

  private String consoleTail() {
    try {
      List<String> lines = Files.readAllLines(workDir.resolve("logs/console.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no console log: " + e + ")";
    }
  }

  /** Stops the node and deletes its data. */
  private synchronized void close() {
    stop();
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      System.err.println("could not remove " + workDir + ": " + e);
    }
  }

  private static Path findHome() {
    String configured = System.getProperty("gdx.es.home");
    List<Path> candidates = new ArrayList<>();
    if (configured != null) {
      candidates.add(Path.of(configured));
    }
    for (Path base : List.of(Path.of("target/elasticsearch"), Path.of("hub/target/elasticsearch"))) {
      if (Files.isDirectory(base)) {
        try (Stream<Path> dirs = Files.list(base)) {
          dirs.filter(d -> d.getFileName().toString().startsWith("elasticsearch-")).forEach(candidates::add);
        } catch (IOException e) {
          // try the next candidate
        }
      }
    }
    return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("bin/elasticsearch"))).findFirst()
        .orElseThrow(() -> new IllegalStateException("Elasticsearch distribution not found (looked at " + candidates
            + "): build with Maven (the hub's pom unpacks org.elasticsearch.distribution.integ-test-zip into "
            + "hub/target/elasticsearch) or pass -Dgdx.es.home=<unpacked elasticsearch-8.19.x>"));
  }

  private static boolean readableBy(String user, Path home) {
    try {
      Process p = new ProcessBuilder("runuser", "-u", user, "--", "test", "-r",
          home.resolve("lib").resolve("elasticsearch-cli-" + home.getFileName().toString()
              .substring("elasticsearch-".length()) + ".jar").toString()).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isExecutable(home.resolve("bin/elasticsearch"));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

}
