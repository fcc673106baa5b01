package org.gdxhub.bench;

import java.io.IOException;
import java.io.InputStream;
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

import org.gdxhub.policy.PolicyData;
import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.internal.OpaServerPolicyEngine;
import org.gdxhub.policy.internal.WasmPolicyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One exchange decision, in-process (the committed Wasm build via opa-java-wasm) against an
 * OPA server over REST (a real {@code opa run --server} on loopback holding the same Rego and
 * data). Same inputs for both. Run with {@code bin/bench policy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PolicyDecisionBenchmark {

  @Param({"allowed", "denied"})
  public String input;

  private WasmPolicyEngine wasm;
  private OpaServerPolicyEngine rest;
  private String inputJson;
  private Process opa;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode fixture;
    try (InputStream in = getClass().getResourceAsStream("/policy-bench-inputs.json")) {
      fixture = json.readTree(in);
    }
    String data = fixture.get("data").toString();
    for (JsonNode named : fixture.get("inputs")) {
      if (named.get("name").asString().equals(input)) {
        inputJson = named.get("input").toString();
      }
    }
    byte[] module = WasmPolicyEngine.read(getClass().getResourceAsStream("/policies/bundle/exchange.wasm"));
    wasm = new WasmPolicyEngine(module, 1, () -> new PolicyData("bench", data), json);

    Path dir = Files.createTempDirectory("gdx-bench-opa-");
    Path rego = dir.resolve("hub/exchange/authz.rego");
    Files.createDirectories(rego.getParent());
    try (InputStream in = getClass().getResourceAsStream("/policies/hub/exchange/authz.rego")) {
      Files.write(rego, in.readAllBytes());
    }
    Files.createDirectories(dir.resolve("gdx"));
    Files.writeString(dir.resolve("gdx/data.json"), data);
    int port = freePort();
    opa = new ProcessBuilder(opaBinary(), "run", "--server", "--addr", "127.0.0.1:" + port, "--log-level", "error",
        "--skip-version-check", dir.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("opa.log").toFile()).start();
    URI url = URI.create("http://127.0.0.1:" + port);
    awaitHealthy(url);
    rest = new OpaServerPolicyEngine(url, Duration.ofSeconds(5), json);

    PolicyDecision a = wasm.decideJson(inputJson);
    PolicyDecision b = rest.decideJson(inputJson);
    if (!a.equals(b) || a.reasonCodes().contains(PolicyDecision.POLICY_UNAVAILABLE)) {
      throw new IllegalStateException("engines disagree or fail: wasm " + a + " / opa " + b);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (opa != null) {
      opa.destroy();
    }
  }

  @Benchmark
  public PolicyDecision inProcessWasm() {
    return wasm.decideJson(inputJson);
  }

  @Benchmark
  public PolicyDecision opaServerRest() {
    return rest.decideJson(inputJson);
  }

  static String opaBinary() {
    String configured = System.getProperty("gdx.opa.bin");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return configured;
    }
    List<String> tried = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "opa");
      tried.add(candidate.toString());
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("opa not found (-Dgdx.opa.bin or PATH); bin/bench passes the pinned one");
  }

  private static void awaitHealthy(URI url) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 300; i++) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("opa did not start");
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
