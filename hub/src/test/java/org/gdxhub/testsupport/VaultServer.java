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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real HashiCorp Vault server in dev mode ({@code vault server -dev}: in memory, unsealed,
 * KV v2 at {@code secret/}) from the pinned binary that bin/test builds from the Go module
 * proxy ({@code -Dgdx.vault.bin}), on a free loopback port with a random root token, the
 * Transit engine enabled at {@code transit/}. Started once per test JVM, stopped at exit; its
 * log goes to {@code target/vault/vault-<port>.log}. Vault runs as root without complaint
 * (dev mode turns mlock off), so unlike PostgreSQL it needs no unprivileged user.
 */
public final class VaultServer {

  private static VaultServer shared;

  private final Process process;
  private final int port;
  private final String rootToken;
  private final Path logFile;
  private final HttpClient http = HttpClient.newHttpClient();

  private VaultServer(Process process, int port, String rootToken, Path logFile) {
    this.process = process;
    this.port = port;
    this.rootToken = rootToken;
    this.logFile = logFile;
  }

  /** The configured binary ({@code -Dgdx.vault.bin}), if it is an executable file. */
  public static Path configuredBinary() {
    String configured = System.getProperty("gdx.vault.bin");
    if (configured == null || configured.isBlank()) {
      return null;
    }
    Path binary = Path.of(configured);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("-Dgdx.vault.bin=" + configured + " is not an executable file");
    }
    return binary;
  }

  /** The JVM-wide server, started on first use. */
  public static synchronized VaultServer shared() {
    if (shared == null) {
      Path binary = configuredBinary();
      if (binary == null) {
        throw new IllegalStateException("no vault binary: run the tests with bin/test, which builds the pinned vault,"
            + " or pass -Dgdx.vault.bin=<path to vault>");
      }
      shared = start(binary);
      VaultServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "vault-stop"));
    }
    return shared;
  }

  private static VaultServer start(Path binary) {
    try {
      int port = freePortPair();
      String token = "gdx-test-" + UUID.randomUUID();
      Path logDir = Files.createDirectories(Path.of("target", "vault"));
      Path logFile = logDir.resolve("vault-" + port + ".log");
      Path home = Files.createTempDirectory("gdx-vault-");
      ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(), "server", "-dev",
          "-dev-root-token-id=" + token, "-dev-listen-address=127.0.0.1:" + port, "-dev-no-store-token",
          "-log-level=warn")).directory(home.toFile()).redirectErrorStream(true).redirectOutput(logFile.toFile());
      // Nothing from the caller's environment (VAULT_ADDR, VAULT_TOKEN, ~/.vault-token) leaks in.
      builder.environment().keySet().removeIf(k -> k.startsWith("VAULT_"));
      builder.environment().put("HOME", home.toString());
      VaultServer server = new VaultServer(builder.start(), port, token, logFile);
      server.awaitHealthy(Duration.ofSeconds(60));
      server.post("/v1/sys/mounts/transit", "{\"type\":\"transit\"}");
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start vault", e);
    }
  }

  /** A free port whose successor is free too: dev mode puts its cluster listener on port + 1. */
  private static int freePortPair() {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = OpaServer.freePort();
      try (var next = new java.net.ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no two adjacent free loopback ports for vault");
  }

  public String address() {
    return "http://127.0.0.1:" + port;
  }

  public String rootToken() {
    return rootToken;
  }

  /** An authenticated write with the root token, failing on any non-2xx answer; returns the body. */
  public String post(String path, String json) {
    return call("POST", path, HttpRequest.BodyPublishers.ofString(json));
  }

  /** An authenticated read with the root token, failing on any non-2xx answer; returns the body. */
  public String get(String path) {
    return call("GET", path, HttpRequest.BodyPublishers.noBody());
  }

  private String call(String method, String path, HttpRequest.BodyPublisher body) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(address() + path))
          .timeout(Duration.ofSeconds(10)).header("X-Vault-Token", rootToken).header("Content-Type", "application/json")
          .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("vault answered " + response.statusCode() + " to " + method + " " + path + ": "
            + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("vault did not answer " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitHealthy(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("vault exited: " + log());
      }
      try {
        // 200 = initialised, unsealed and active.
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(address() + "/v1/sys/health"))
            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("vault not healthy within " + timeout + ": " + log());
  }

  public String log() {
    try {
      return Files.readString(logFile);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
