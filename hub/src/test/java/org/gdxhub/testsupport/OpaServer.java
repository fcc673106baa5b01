package org.gdxhub.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OPA server ({@code opa run --server}) from the pinned binary that bin/test builds
 * ({@code -Dgdx.opa.bin}), on a free loopback port. It can pull the hub's policy and data
 * bundles exactly as a production OPA would. A missing binary fails the test.
 */
public final class OpaServer implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path workDir;
  private final HttpClient http = HttpClient.newHttpClient();

  private OpaServer(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
  }

  /** An OPA server configured to poll the hub's bundle API at {@code hubBaseUrl} every 1-2 s. */
  /**
   * The API key the test hubs accept for bundle pulls (src/test/resources/config/application.yml
   * holds its SHA-256); OPA reads it from the environment as in policies/opa-config.yaml.
   */
  public static final String BUNDLE_API_KEY = "gdx_test-opa-bundle-reader-key";

  public static OpaServer pullingBundlesFrom(String hubBaseUrl) {
    return pullingBundlesFrom(hubBaseUrl, freePort());
  }

  /** The same, on a given port (to start OPA again where the hub expects it after an outage). */
  public static OpaServer pullingBundlesFrom(String hubBaseUrl, int port) {
    String config = """
        services:
          hub:
            url: %s/api/v1/policy
            headers:
              X-GDX-Api-Key: "${GDX_OPA_API_KEY}"
        bundles:
          policy:
            service: hub
            resource: bundles/policy.tar.gz
            polling: {min_delay_seconds: 1, max_delay_seconds: 2}
          data:
            service: hub
            resource: bundles/data.tar.gz
            polling: {min_delay_seconds: 1, max_delay_seconds: 2}
        """.formatted(hubBaseUrl);
    return start(config, port);
  }

  /** An OPA server with no policy loaded: every query is undefined. */
  public static OpaServer empty() {
    return start(null, freePort());
  }

  private static OpaServer start(String config, int port) {
    try {
      Path workDir = Files.createTempDirectory("gdx-opa-");
      List<String> command = new ArrayList<>(List.of(binary().toString(), "run", "--server", "--addr",
          "127.0.0.1:" + port, "--log-level", "error", "--skip-version-check"));
      if (config != null) {
        Path configFile = workDir.resolve("opa.yaml");
        Files.writeString(configFile, config);
        command.addAll(List.of("--config-file", configFile.toString()));
      }
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(workDir.resolve("opa.log").toFile());
      builder.environment().put("GDX_OPA_API_KEY", BUNDLE_API_KEY);
      Process process = builder.start();
      OpaServer server = new OpaServer(process, port, workDir);
      server.await("/health", Duration.ofSeconds(30));
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start opa", e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Waits until OPA has activated every configured bundle. */
  public void awaitBundles(Duration timeout) {
    await("/health?bundles=true", timeout);
  }

  /** Waits until OPA's copy of the data bundle has the given revision. */
  public void awaitDataRevision(String revision, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String last = null;
    while (Instant.now().isBefore(deadline)) {
      last = get("/v1/data/system/bundles/data/manifest/revision");
      if (last != null && last.contains("\"" + revision + "\"")) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("OPA did not load data revision " + revision + " in " + timeout + "; last: " + last
        + "\n" + log());
  }

  private void await(String path, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("opa exited: " + log());
      }
      if (get(path) != null) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("opa not ready at " + path + " within " + timeout + ": " + log());
  }

  /** The body of a 200 answer, or null. */
  private String get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve(path))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String log() {
    try {
      return Files.readString(workDir.resolve("opa.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  public static Path binary() {
    String configured = System.getProperty("gdx.opa.bin");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Path.of(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "opa");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("opa binary not found: run the tests with bin/test, which builds the pinned opa");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@link FreePorts#loopback()}; kept because many tests already call it here. */
  public static int freePort() {
    return FreePorts.loopback();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
