package org.gdxhub.bench.load;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import tools.jackson.databind.json.JsonMapper;

/**
 * Load generator for exchange lookups. Two targets with the same request mix:
 * <ul>
 * <li>{@code hub}: {@code POST /api/v1/exchange/{dataset}/lookup} with bearer tokens (policy,
 * connector, ledger), ~5 % of calls denied by the policy (wrong purpose, agency without agreement);
 * <li>{@code direct}: the same allowed lookups straight against the demo owner systems (the
 * business registry's HTTP/JSON API and the Revenue Department's SOAP service), with their
 * HTTP Basic credentials — what a consumer would get without the hub.
 * </ul>
 * Closed loop ({@code --concurrency N}: N clients, each sends the next call when the last one
 * answered) or open loop ({@code --rate R}: calls start on a fixed schedule whatever the
 * answers; latency is measured from the scheduled start, so a stalled server is not hidden —
 * coordinated omission corrected). Latencies go into an HdrHistogram; the result is JSON.
 */
public final class LoadGenerator {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String SOAP_ACTION = "urn:rd.go.th:vat-registration:v1/GetVatRegistration";

  /** What one run is asked to do. */
  record Options(String target, String mix, String hubUrl, String businessUrl, String revenueUrl, Path samples,
      int concurrency, double rate, Duration duration, Duration warmup, double deniedShare, long seed,
      String businessCredentials, String revenueCredentials, String label, Path out) {}

  /** One call of the mix: which dataset, subject, and whether the policy must deny it. */
  record Call(String dataset, String subjectId, String subjectType, String purpose, boolean outsider, boolean deny) {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Map<String, Object> result = run(o);
    String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
    if (o.out() != null) {
      Files.createDirectories(o.out().toAbsolutePath().getParent());
      Files.writeString(o.out(), json);
    }
    System.out.println(json);
  }

  static Options parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String k = args[i];
      if (k.equals("--help") || k.equals("-h")) {
        System.out.println(HELP);
        System.exit(0);
      }
      if (!k.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value, got " + k + " (see --help)");
      }
      a.put(k.substring(2), args[++i]);
    }
    return new Options(a.getOrDefault("target", "hub"), a.getOrDefault("mix", "sources"),
        a.getOrDefault("hub-url", "http://127.0.0.1:8080"), a.getOrDefault("business-url", "http://127.0.0.1:18081"),
        a.getOrDefault("revenue-url", "http://127.0.0.1:18082"), Path.of(a.getOrDefault("samples", "samples.json")),
        Integer.parseInt(a.getOrDefault("concurrency", "10")), Double.parseDouble(a.getOrDefault("rate", "0")),
        duration(a.getOrDefault("duration", "30s")), duration(a.getOrDefault("warmup", "5s")),
        Double.parseDouble(a.getOrDefault("denied", "0.05")), Long.parseLong(a.getOrDefault("seed", "9")),
        a.getOrDefault("business-credentials", System.getenv("GDX_CREDENTIALS_BUSINESS_REGISTRY")),
        a.getOrDefault("revenue-credentials", System.getenv("GDX_CREDENTIALS_REVENUE_DEPARTMENT")),
        a.getOrDefault("label", ""), a.containsKey("out") ? Path.of(a.get("out")) : null);
  }

  static Duration duration(String s) {
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    if (s.endsWith("s")) {
      return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
    }
    if (s.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(s));
  }

  static final String HELP = """
      LoadGenerator — exchange lookups against the hub or directly against the demo source systems.
        --target hub|direct          hub: through the hub; direct: the demo owner systems themselves (default hub)
        --mix sources|all            sources: the HTTP/JSON and SOAP datasets (reachable directly, default);
                                     all: also the JDBC population-registry datasets (hub only)
        --concurrency N              closed loop with N clients (default 10)
        --rate R                     open loop at R calls/s (coordinated-omission corrected); overrides closed loop
        --duration 30s  --warmup 5s  measured time and unmeasured warm-up before it
        --denied 0.05                share of calls the policy must deny (hub only; wrong purpose or no agreement)
        --samples FILE               subject ids written by the hub (hub.demo.samples-file)
        --hub-url URL  --business-url URL  --revenue-url URL
        --business-credentials user:pass  --revenue-credentials user:pass   (direct; or env
                                     GDX_CREDENTIALS_BUSINESS_REGISTRY / GDX_CREDENTIALS_REVENUE_DEPARTMENT)
        --seed 9  --label TEXT  --out FILE.json
      Prints (and writes) JSON: calls, errors, throughput, latency percentiles in µs.""";

  static Map<String, Object> run(Options o) throws Exception {
    List<Call> calls = mix(o);
    Target target = o.target().equals("direct") ? new Direct(o) : new Hub(o);
    Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    var ok = new AtomicLong();
    var denied = new AtomicLong();
    var errors = new AtomicLong();
    var quota = new AtomicLong();
    var refused = new AtomicLong();
    var refusedIncludingWarmup = new AtomicLong();
    var firstError = new java.util.concurrent.atomic.AtomicReference<String>();
    var next = new AtomicLong();
    var completed = new AtomicLong();
    long warmupEnd = System.nanoTime() + o.warmup().toNanos();
    long end = warmupEnd + o.duration().toNanos();
    var measuring = new java.util.concurrent.atomic.AtomicBoolean(false);
    Runnable[] one = new Runnable[1];
    // Records a call that was due at intendedStart (open loop) or started then (closed loop).
    java.util.function.LongConsumer callAt = intendedStart -> {
      Call call = calls.get((int) (next.getAndIncrement() % calls.size()));
      String outcome;
      try {
        outcome = target.call(call);
      } catch (Exception e) {
        outcome = "error: " + e;
      }
      long micros = (System.nanoTime() - intendedStart) / 1000;
      if (outcome.equals("refused")) {
        // 503 overloaded: the hub's admission control turned the call away at the door (nothing
        // done, not ledgered). Counted apart; not a call the hub worked on.
        refusedIncludingWarmup.incrementAndGet();
        if (measuring.get()) {
          refused.incrementAndGet();
        }
        return;
      }
      completed.incrementAndGet();
      if (!measuring.get()) {
        return;
      }
      recorder.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
      if (outcome.equals("ok")) {
        ok.incrementAndGet();
      } else if (outcome.equals("denied")) {
        denied.incrementAndGet();
      } else if (outcome.equals("quota")) {
        quota.incrementAndGet();
      } else {
        errors.incrementAndGet();
        firstError.compareAndSet(null, outcome);
      }
    };
    var perSecond = new ArrayList<Long>();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      if (o.rate() > 0) {
        long interval = (long) (1e9 / o.rate());
        clients.submit(() -> {
          long start = System.nanoTime();
          for (long i = 0;; i++) {
            long due = start + i * interval;
            if (due >= end) {
              return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            clients.submit(() -> callAt.accept(due));
          }
        });
      } else {
        for (int c = 0; c < o.concurrency(); c++) {
          clients.submit(() -> {
            while (System.nanoTime() < end) {
              callAt.accept(System.nanoTime());
            }
          });
        }
      }
      while (System.nanoTime() < warmupEnd) {
        Thread.sleep(10);
      }
      recorder.getIntervalHistogram();
      measuring.set(true);
      long started = System.nanoTime();
      long last = 0;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        long total = ok.get() + denied.get() + errors.get() + quota.get();
        perSecond.add(total - last);
        last = total;
      }
      measuring.set(false);
      double seconds = (System.nanoTime() - started) / 1e9;
      Histogram h = recorder.getIntervalHistogram();
      clients.shutdownNow();
      clients.awaitTermination(30, TimeUnit.SECONDS);
      var r = report(o, h, ok.get(), denied.get() + quota.get(), errors.get(), firstError.get(), seconds, perSecond);
      r.put("deniedForQuota", quota.get());
      r.put("refusedOverloaded", refused.get());
      r.put("callsIncludingWarmup", completed.get());
      r.put("refusedIncludingWarmup", refusedIncludingWarmup.get());
      return r;
    } finally {
      target.close();
    }
  }

  static Map<String, Object> report(Options o, Histogram h, long ok, long denied, long errors, String firstError,
      double seconds, List<Long> perSecond) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("label", o.label());
    r.put("target", o.target());
    r.put("mix", o.mix());
    r.put("mode", o.rate() > 0 ? "open" : "closed");
    r.put("concurrency", o.rate() > 0 ? null : o.concurrency());
    r.put("rate", o.rate() > 0 ? o.rate() : null);
    r.put("seconds", round(seconds));
    r.put("calls", ok + denied + errors);
    r.put("allowed", ok);
    r.put("denied", denied);
    r.put("errors", errors);
    r.put("firstError", firstError);
    r.put("throughput", round((ok + denied + errors) / seconds));
    r.put("allowedThroughput", round(ok / seconds));
    Map<String, Object> lat = new LinkedHashMap<>();
    lat.put("p50", h.getValueAtPercentile(50));
    lat.put("p90", h.getValueAtPercentile(90));
    lat.put("p99", h.getValueAtPercentile(99));
    lat.put("p999", h.getValueAtPercentile(99.9));
    lat.put("max", h.getMaxValue());
    lat.put("mean", round(h.getMean()));
    r.put("latencyMicros", lat);
    r.put("callsPerSecond", perSecond);
    r.put("cores", Runtime.getRuntime().availableProcessors());
    return r;
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /**
   * The request mix, deterministic for a seed: company certificates 40 %, shareholder lists
   * 20 %, VAT registrations 40 % (mix all: a third of the calls go to civil record, house
   * registration and move history instead); the denied share split between a purpose the
   * agreement does not cover and an agency that has no agreement.
   */
  static List<Call> mix(Options o) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, List<String>> s = JSON.readValue(Files.readString(o.samples()), Map.class);
    List<String> juristic = s.get("juristicIds");
    List<String> vat = s.get("vatRegisteredIds");
    List<String> citizens = s.get("citizenIds");
    if (juristic.isEmpty() || vat.isEmpty()) {
      throw new IllegalStateException("no demo subjects in " + o.samples());
    }
    var rnd = new SplittableRandom(o.seed());
    boolean hub = !o.target().equals("direct");
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      double d = rnd.nextDouble();
      Call c;
      if (o.mix().equals("all") && d < 1.0 / 3) {
        String ds = switch (rnd.nextInt(3)) {
          case 0 -> "civil-record";
          case 1 -> "house-registration";
          default -> "move-history";
        };
        c = new Call(ds, citizens.get(rnd.nextInt(citizens.size())), "citizen_id", "welfare-registration", false,
            false);
      } else {
        double e = rnd.nextDouble();
        if (e < 0.4) {
          c = new Call("company-certificate", juristic.get(rnd.nextInt(juristic.size())), "juristic_id",
              "trade-registration", false, false);
        } else if (e < 0.6) {
          c = new Call("shareholder-list", juristic.get(rnd.nextInt(juristic.size())), "juristic_id",
              "trade-registration", false, false);
        } else {
          String id = vat.get(rnd.nextInt(vat.size()));
          c = new Call("vat-registration", id, id.startsWith("0") ? "juristic_id" : "citizen_id",
              "trade-registration", false, false);
        }
      }
      if (hub && rnd.nextDouble() < o.deniedShare()) {
        // Personal datasets: a purpose the agreement does not name; business ones (no purpose
        // limitation in the demo agreements' policy): an agency the hub does not know.
        c = c.subjectType().equals("citizen_id") && !c.dataset().equals("vat-registration")
            ? new Call(c.dataset(), c.subjectId(), c.subjectType(), "marketing-research", false, true)
            : new Call(c.dataset(), c.subjectId(), c.subjectType(), c.purpose(), true, true);
      }
      calls.add(c);
    }
    return calls;
  }

  /** Where the calls go. Returns "ok", "denied" (expected deny), or an error description. */
  interface Target extends AutoCloseable {
    String call(Call call) throws Exception;

    @Override
    default void close() {}
  }

  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  }

  /** Lookups through the hub, as the demo officer (and an officer of an agency without agreements). */
  static final class Hub implements Target {
    private final HttpClient http = client();
    private final String base;
    private final String officerToken;
    private final String outsiderToken;

    Hub(Options o) throws Exception {
      this.base = o.hubUrl();
      this.officerToken = token("officer");
      this.outsiderToken = token(SideBySide.OUTSIDER);
    }

    private String token(String user) throws Exception {
      var res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        throw new IllegalStateException("no token for " + user + ": " + res.statusCode() + " " + res.body());
      }
      return (String) JSON.readValue(res.body(), Map.class).get("access_token");
    }

    @Override
    public String call(Call c) throws Exception {
      String body = "{\"subjectId\":\"" + c.subjectId() + "\",\"subjectType\":\"" + c.subjectType()
          + "\",\"purpose\":\"" + c.purpose() + "\",\"caseRef\":\"BENCH-2569-0001\",\"cardPresent\":true}";
      var res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/exchange/" + c.dataset() + "/lookup"))
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + (c.outsider() ? outsiderToken : officerToken))
          .timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
      int status = res.statusCode();
      // Turned away at the door before any decision, whether the call would be allowed or denied.
      if (status == 503 && text(res.body()).contains("problem:overloaded")) {
        return "refused";
      }
      if (c.deny()) {
        return status == 403 ? "denied" : "unexpected " + status + " for a call to deny: " + text(res.body());
      }
      if (status == 403 && text(res.body()).contains("quota_exceeded")) {
        // The agreement's daily quota (the demo civil-record agreement: 10,000 a day) is used up:
        // a correct policy answer, counted apart from errors.
        return "quota";
      }
      return status == 200 ? "ok" : "unexpected " + status + ": " + text(res.body());
    }
  }

  /** The same lookups without the hub: the owners' own APIs, with the connector's credentials. */
  static final class Direct implements Target {
    private final HttpClient http = client();
    private final String business;
    private final String revenue;
    private final String businessAuth;
    private final String revenueAuth;

    Direct(Options o) {
      this.business = o.businessUrl();
      this.revenue = o.revenueUrl();
      this.businessAuth = basic(o.businessCredentials());
      this.revenueAuth = basic(o.revenueCredentials());
      if (o.mix().equals("all")) {
        throw new IllegalArgumentException("--target direct supports --mix sources only (the demo population"
            + " registry is an in-memory database inside the hub)");
      }
    }

    private static String basic(String userPass) {
      if (userPass == null) {
        throw new IllegalArgumentException("direct calls need the demo systems' credentials (see --help)");
      }
      return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String call(Call c) throws Exception {
      HttpRequest req = switch (c.dataset()) {
        case "company-certificate" -> HttpRequest.newBuilder(
            URI.create(business + "/dbd/api/v1/juristic-persons/" + c.subjectId()))
            .header("Authorization", businessAuth).header("Accept", "application/json").GET().build();
        case "shareholder-list" -> HttpRequest.newBuilder(
            URI.create(business + "/dbd/api/v1/juristic-persons/" + c.subjectId() + "/shareholders"))
            .header("Authorization", businessAuth).header("Accept", "application/json").GET().build();
        default -> HttpRequest.newBuilder(URI.create(revenue + "/rd/ws/vat"))
            .header("Authorization", revenueAuth).header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "\"" + SOAP_ACTION + "\"")
            .POST(HttpRequest.BodyPublishers.ofString("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\"><soap:Body><vat:GetVatRegistration xmlns:vat=\"urn:rd.go.th:vat-registration:v1\">"
                + "<vat:TIN>" + c.subjectId() + "</vat:TIN></vat:GetVatRegistration></soap:Body></soap:Envelope>"))
            .build();
      };
      var res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return res.statusCode() == 200 ? "ok" : "unexpected " + res.statusCode() + ": " + text(res.body());
    }
  }

  private static String text(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) : s;
  }

  private LoadGenerator() {}
}
