package org.gdxhub.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/**
 * Runs the pinned {@code opa} CLI over the Rego bundle: formatting, strict compile checks,
 * the Rego unit tests with a coverage floor, and the freshness of the committed Wasm artefact.
 * The binary comes from {@code -Dgdx.opa.bin} (set by bin/test); without it this test fails
 * rather than skip, because an unchecked policy must never look green.
 */
class RegoPolicySuiteTest {

  private static final double COVERAGE_FLOOR = 90.0;

  private final Path policiesDir = Path.of(System.getProperty("gdx.policies.dir", "."));
  private final Path opa = locateOpa();

  @Test
  void regoSourcesAreFormatted() throws Exception {
    Result result = run(List.of(opa.toString(), "fmt", "--list", "--fail", "hub"));
    assertThat(result.exitCode()).as("opa fmt --list --fail: %s", result.output()).isZero();
  }

  @Test
  void regoSourcesPassStrictCheck() throws Exception {
    Result result = run(List.of(opa.toString(), "check", "--strict", "--schema", "schemas", "hub"));
    assertThat(result.exitCode()).as("opa check --strict: %s", result.output()).isZero();
  }

  @Test
  void regoTestsPassWithCoverageFloor() throws Exception {
    Result tests = run(List.of(opa.toString(), "test", "--schema", "schemas", "hub", "-v"));
    assertThat(tests.exitCode()).as("opa test: %s", tests.output()).isZero();
    assertThat(tests.output()).contains("PASS");

    Result coverage = run(List.of(opa.toString(), "test", "--coverage", "hub"));
    assertThat(coverage.exitCode()).isZero();
    double percent = Double.parseDouble(coverage.output().replaceAll("(?s).*\"coverage\":\\s*([0-9.]+)\\s*}\\s*$", "$1"));
    assertThat(percent).as("Rego coverage").isGreaterThanOrEqualTo(COVERAGE_FLOOR);
  }

  @Test
  void committedWasmArtefactMatchesRegoSources() throws Exception {
    Path out = Files.createTempFile("gdx-bundle", ".tar.gz");
    try {
      Result build = run(List.of(opa.toString(), "build", "-t", "wasm", "-e", "hub/exchange/decision",
          "--ignore", "*_test.rego", "hub", "-o", out.toString()));
      assertThat(build.exitCode()).as("opa build: %s", build.output()).isZero();
      byte[] fresh = extractPolicyWasm(out);
      byte[] committed = Files.readAllBytes(policiesDir.resolve("bundle/exchange.wasm"));
      assertThat(sha256(committed))
          .as("policies/bundle/exchange.wasm is stale: run policies/build.sh and commit the result")
          .isEqualTo(sha256(fresh));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static Path locateOpa() {
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
    throw new IllegalStateException("opa binary not found: run the tests with bin/test, which installs the pinned opa");
  }

  private Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command))
        .directory(policiesDir.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** Reads policy.wasm out of an OPA bundle (a gzipped tar) without extra libraries. */
  private static byte[] extractPolicyWasm(Path bundle) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(bundle))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").trim();
        if (name.isEmpty()) {
          break;
        }
        long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
        byte[] body = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (name.endsWith("policy.wasm")) {
          return body;
        }
      }
    }
    throw new IOException("no policy.wasm in " + bundle);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private record Result(int exitCode, String output) {}
}
