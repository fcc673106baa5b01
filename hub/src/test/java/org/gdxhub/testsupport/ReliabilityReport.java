package org.gdxhub.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reliability table (issue #10): one row per fault, printed and appended to
 * {@code target/reliability/table.md}; plus the hub-side numbers a row needs, read over the
 * hub's own HTTP API (ledger verification, index health, outbox gauge) so that the same code
 * serves an in-JVM hub and a separate {@link HubProcess}.
 */
public final class ReliabilityReport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HEADER = """
      | fault | outage | lookups attempted | served | denied | errors | ledger entries | index entries | chain | notes |
      |---|---|---|---|---|---|---|---|---|---|
      """;

  public record Row(String fault, Duration outage, LoadDriver.Counts counts, long ledgerEntries, long indexEntries,
      String chain, String notes) {

    String markdown() {
      return "| %s | %ss | %d | %d | %d | %d | %d | %s | %s | %s |%n".formatted(fault, outage.toSeconds(),
          counts.attempted(), counts.served(), counts.denied(), counts.errors(), ledgerEntries,
          indexEntries < 0 ? "n/a" : Long.toString(indexEntries), chain, notes);
    }
  }

  private ReliabilityReport() {}

  /** The outage length: {@code -Dgdx.reliability.outage} (ISO-8601, e.g. PT60S), else the fast default. */
  public static Duration outage(Duration fastDefault) {
    String configured = System.getProperty("gdx.reliability.outage", "");
    return configured.isBlank() ? fastDefault : Duration.parse(configured);
  }

  public static synchronized void record(Row row) {
    String line = row.markdown();
    System.out.println("[reliability] " + HEADER.lines().findFirst().orElse("") + "\n[reliability] " + line.strip()
        + "\n[reliability] outcomes " + row.counts().byOutcome());
    try {
      Path table = Path.of("target", "reliability", "table.md");
      Files.createDirectories(table.getParent());
      if (!Files.exists(table)) {
        Files.writeString(table, HEADER, StandardCharsets.UTF_8);
      }
      Files.writeString(table, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the reliability table", e);
    }
  }

  /**
   * Reads a hub's ledger, index and outbox over HTTP, signed in as the demo auditor and
   * operator; also holds the demo officer's token for the load.
   */
  public static final class HubProbe {

    private final URI base;
    private final Map<String, String> tokens;
    private final String auditor;
    private final String operator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HubProbe(URI base, Map<String, String> tokens) {
      this.base = base;
      this.tokens = tokens;
      this.auditor = token("auditor");
      this.operator = token("operator");
    }

    /** Takes tokens for the demo auditor, operator and officer from the hub at {@code base}. */
    public static HubProbe signIn(URI base) throws IOException, InterruptedException {
      Map<String, String> tokens = new HashMap<>();
      for (String user : List.of("auditor", "operator", "officer")) {
        tokens.put(user, LoadDriver.demoToken(base, user));
      }
      return new HubProbe(base, Map.copyOf(tokens));
    }

    /** {@code signIn} to the hub on this machine's loopback at {@code port}. */
    public static HubProbe signIn(int port) throws IOException, InterruptedException {
      return signIn(URI.create("http://127.0.0.1:" + port));
    }

    public URI base() {
      return base;
    }

    /** The bearer token of a demo user this probe signed in as: auditor, operator or officer. */
    public String token(String user) {
      String token = tokens.get(user);
      if (token == null) {
        throw new IllegalArgumentException("no token for " + user + "; signed in as " + tokens.keySet());
      }
      return token;
    }

    /** {"valid":..,"entriesChecked":..} of GET /api/v1/ledger/verify. */
    public JsonNode verify() {
      return get("/api/v1/ledger/verify", auditor);
    }

    public boolean hasEntry(String ledgerEntryId) {
      return status("/api/v1/ledger/" + ledgerEntryId, auditor) == 200;
    }

    /** Entries in the search index (the ledgerIndex health component), or -1. */
    public long indexEntries() {
      JsonNode entries = get("/actuator/health", null).path("components").path("ledgerIndex").path("details")
          .path("entries");
      return entries.isNumber() ? entries.asLong() : -1;
    }

    /** The outbox's unsent entries (gauge gdx.ledger.outbox.unsent), or -1. */
    public long outboxUnsent() {
      JsonNode value = get("/actuator/metrics/gdx.ledger.outbox.unsent", operator).path("measurements").path(0)
          .path("value");
      return value.isNumber() ? (long) value.asDouble() : -1;
    }

    /** Waits until the outbox is empty and the index holds every ledger entry; returns whether it did. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          long ledger = verify().path("entriesChecked").asLong(-2);
          if (outboxUnsent() == 0 && indexEntries() == ledger) {
            return true;
          }
        } catch (RuntimeException e) {
          // the hub may still be starting
        }
        Thread.sleep(500);
      }
      return false;
    }

    public JsonNode get(String path, String token) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
          request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body().isBlank() ? "{}" : r.body());
      } catch (IOException e) {
        throw new IllegalStateException("GET " + path + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    int status(String path, String token) {
      try {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    /** "verified (n)" or "BROKEN at ...". */
    public String chainStatus() {
      JsonNode v = verify();
      return v.path("valid").asBoolean() ? "verified (" + v.path("entriesChecked").asLong() + ")"
          : "BROKEN " + v.toString();
    }
  }

}
