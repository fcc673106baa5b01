package org.gdxhub.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady lookup load over HTTP for the reliability tests (issue #10): a few virtual-thread
 * clients, each calling {@code POST /api/v1/exchange/{dataset}/lookup} in a loop with a bearer
 * token from {@code POST /api/v1/auth/token}, counting what came back and keeping the request
 * and ledger entry ids of every 200 (so a test can check that each has a ledger entry).
 * A stand-in for the load generator of issue #9 (bench/), which can replace it later.
 *
 * <p>Outcomes: {@code served} is a 200; {@code denied} is a decided, ledgered refusal (a
 * problem answer that names a {@code ledgerEntryId}); {@code errors} is everything else
 * (connection refused, timeouts, problems with no ledger entry such as ledger_unavailable).
 */
public final class LoadDriver implements AutoCloseable {

  private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern LEDGER_ENTRY_ID = Pattern.compile("\"ledgerEntryId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern REASON =
      Pattern.compile("\"reasons\"\\s*:\\s*\\[\\s*\\{\\s*\"code\"\\s*:\\s*\"([^\"]+)\"");

  /** One answer: when its call started ({@link System#nanoTime()}), how long it took, and its outcome. */
  public record Sample(long startedNanos, long millis, String outcome) {}

  /** What the clients saw so far. */
  public record Counts(long attempted, long served, long denied, long errors, Map<String, Long> byOutcome,
      Set<String> servedRequestIds, Set<String> servedLedgerEntryIds, Set<String> ledgeredEntryIds) {}

  private final URI base;
  private final String dataset;
  private final int clients;
  private final IntFunction<String> body;
  private final Duration pause;
  private final HttpClient http;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong attempted = new AtomicLong();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong denied = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final Map<String, AtomicLong> byOutcome = new ConcurrentHashMap<>();
  private final Set<String> servedRequestIds = ConcurrentHashMap.newKeySet();
  private final Set<String> servedLedgerEntryIds = ConcurrentHashMap.newKeySet();
  private final Set<String> ledgeredEntryIds = ConcurrentHashMap.newKeySet();
  private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
  private volatile String bearer;
  private ExecutorService pool;

  /**
   * @param body the JSON lookup body for the n-th call
   * @param pause between two calls of one client (steady, not maximal, load)
   */
  public LoadDriver(URI base, String dataset, int clients, IntFunction<String> body, Duration pause) {
    this.base = base;
    this.dataset = dataset;
    this.clients = clients;
    this.body = body;
    this.pause = pause;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** A demo user's token from the hub's own token endpoint. */
  public static String demoToken(URI base, String username) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/token"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"" + username + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("no token for " + username + ": " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  public LoadDriver withBearer(String token) {
    this.bearer = token;
    return this;
  }

  public synchronized LoadDriver start() {
    if (bearer == null) {
      throw new IllegalStateException("set a bearer token first");
    }
    running.set(true);
    pool = Executors.newVirtualThreadPerTaskExecutor();
    for (int c = 0; c < clients; c++) {
      pool.submit(this::client);
    }
    return this;
  }

  /** Stops the clients and waits for the calls in flight. */
  public synchronized Counts stop() throws InterruptedException {
    running.set(false);
    if (pool != null) {
      pool.shutdown();
      pool.awaitTermination(60, TimeUnit.SECONDS);
      pool = null;
    }
    return counts();
  }

  public Counts counts() {
    Map<String, Long> outcomes = new TreeMap<>();
    byOutcome.forEach((k, v) -> outcomes.put(k, v.get()));
    return new Counts(attempted.get(), served.get(), denied.get(), errors.get(), outcomes, Set.copyOf(servedRequestIds),
        Set.copyOf(servedLedgerEntryIds), Set.copyOf(ledgeredEntryIds));
  }

  /** Every answer so far with its latency, for checks on timing (e.g. a timeout, a fast failure). */
  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Runs n lookups on the calling thread (for short phases) and returns the statuses seen. */
  public List<Integer> once(int n) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      statuses.add(call());
    }
    return statuses;
  }

  private void client() {
    while (running.get()) {
      call();
      if (!pause.isZero()) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private int call() {
    long n = attempted.incrementAndGet();
    long started = System.nanoTime();
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/exchange/" + dataset + "/lookup"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + bearer)
        .POST(HttpRequest.BodyPublishers.ofString(body.apply((int) n))).build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      String requestId = find(REQUEST_ID, r.body());
      String entryId = find(LEDGER_ENTRY_ID, r.body());
      if (entryId != null) {
        ledgeredEntryIds.add(entryId);
      }
      if (r.statusCode() == 200) {
        served.incrementAndGet();
        count("200 served", started);
        if (requestId != null) {
          servedRequestIds.add(requestId);
        }
        if (entryId != null) {
          servedLedgerEntryIds.add(entryId);
        }
      } else if (entryId != null) {
        denied.incrementAndGet();
        String reason = find(REASON, r.body());
        count(r.statusCode() + " " + find(CODE, r.body()) + (reason == null ? "" : "/" + reason), started);
      } else {
        errors.incrementAndGet();
        count(r.statusCode() + " " + find(CODE, r.body()), started);
      }
      return r.statusCode();
    } catch (IOException e) {
      errors.incrementAndGet();
      count("io " + e.getClass().getSimpleName(), started);
      try {
        Thread.sleep(100); // the hub is down: keep trying, without spinning
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      errors.incrementAndGet();
      return -1;
    }
  }

  private void count(String outcome, long started) {
    byOutcome.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    samples.add(new Sample(started, (System.nanoTime() - started) / 1_000_000, outcome));
  }

  private static String find(Pattern p, String body) {
    Matcher m = p.matcher(body == null ? "" : body);
    return m.find() ? m.group(1) : null;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
