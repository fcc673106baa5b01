package org.gdxhub.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a separate operating-system process ({@code java -jar hub/target/gdx-hub-exec.jar}),
 * so that a reliability test can kill it with SIGKILL mid-load and start it again on the same
 * data directory and ports (issue #10). Free loopback ports for the API and the demo owner
 * systems are chosen once and kept across restarts; the console goes to {@code hub.log} in the
 * data directory. Killed at JVM exit.
 */
public final class HubProcess implements AutoCloseable {

  private final Path jar;
  private final Path dataDir;
  private final int port;
  private final List<String> arguments;
  private Process process;
  private int starts;

  private HubProcess(Path jar, Path dataDir, List<String> arguments) {
    this.jar = jar;
    this.dataDir = dataDir;
    this.port = OpaServer.freePort();
    List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
        "--hub.data-dir=" + dataDir,
        "--hub.connectors.demo.servers.business-registry.port=" + OpaServer.freePort(),
        "--hub.connectors.demo.servers.revenue-department.port=" + OpaServer.freePort(),
        "--hub.connectors.demo.servers.population-registry-clerk.port=" + OpaServer.freePort(),
        "--management.endpoint.health.show-details=always"));
    all.addAll(arguments);
    this.arguments = List.copyOf(all);
    Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "hub-process-kill"));
  }

  /** A hub on a fresh data directory; extra {@code --name=value} arguments override application.yml. */
  public static HubProcess create(String... extraArguments) throws IOException {
    return new HubProcess(findJar(), Files.createTempDirectory("gdx-hub-process-"), List.of(extraArguments));
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Starts the hub (again) and waits until its health endpoint answers UP. */
  public synchronized HubProcess start(Duration timeout) throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the hub process is already running");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(arguments);
    starts++;
    process = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("hub.log").toFile())).start();
    awaitUp(timeout);
    return this;
  }

  /** SIGKILL, no shutdown hooks, no flushing: the crash the ledger must survive. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * SIGTERM, as a service manager or Kubernetes stops the hub: Spring's graceful shutdown
   * finishes the requests in flight. Returns the exit code; a hub still running after
   * {@code timeout} is killed and that is an error.
   */
  public synchronized int stop(Duration timeout) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("the hub process is not running");
    }
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException("the hub did not stop within " + timeout + " of SIGTERM:\n" + logTail());
    }
    return process.exitValue();
  }

  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  private void awaitUp(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the hub exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/actuator/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    kill();
    throw new IllegalStateException("the hub did not come up within " + timeout + " (start " + starts + "):\n"
        + logTail());
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("hub.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no hub.log: " + e + ")";
    }
  }

  private static Path findJar() {
    for (Path candidate : List.of(Path.of("target/gdx-hub-exec.jar"), Path.of("hub/target/gdx-hub-exec.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException("hub/target/gdx-hub-exec.jar not found: run the reliability tests from Maven "
        + "(the package phase builds it before the integration tests)");
  }

  @Override
  public void close() {
    kill();
  }
}
