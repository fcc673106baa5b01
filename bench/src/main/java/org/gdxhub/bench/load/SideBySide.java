package org.gdxhub.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code bin/bench side-by-side}: starts an embedded hub (its own JVM, fresh data directory,
 * free loopback ports), then per repeat: (a) the demo source systems called directly and (b)
 * the same lookups through the hub at 1, 10, 100 and 1,000 closed-loop clients; both at an
 * open-loop rate of half the hub's best throughput (hub-added p99); a sustained hub run with
 * the full dataset mix; and, once, the JMH policy-decision and ledger-append benchmarks.
 * Writes every run's JSON, {@code summary.json} and {@code latency-vs-throughput.png} to the
 * output directory and prints a table with min / median / max over the repeats.
 */
public final class SideBySide {

  /** Demo user of an agency without agreements (its lookups are denied by the policy). */
  static final String OUTSIDER = "bench-outsider";
  static final String BUSINESS_USER = "bench-dbd";
  static final String REVENUE_USER = "bench-rd";

  record Settings(int runs, List<Integer> clients, Duration duration, Duration warmup, Duration jitWarmup,
      Duration sustain, int sustainClients, boolean jmh, Path out, Path jar, List<String> hubArgs,
      List<String> hubJvmArgs) {}

  public static void main(String[] args) throws Exception {
    Settings s = parse(args);
    Files.createDirectories(s.out());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("date", Instant.now().toString());
    summary.put("cores", Runtime.getRuntime().availableProcessors());
    summary.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    summary.put("loadAverageAtStart", loadAverage());
    summary.put("settings", Map.of("runs", s.runs(), "clients", s.clients(), "durationSeconds",
        s.duration().toSeconds(), "sustainSeconds", s.sustain().toSeconds(), "hubArgs", s.hubArgs()));
    List<Map<String, Object>> all = new ArrayList<>();
    try (HubProcess hub = HubProcess.start(s)) {
      System.out.printf("hub up on %s (data %s)%n", hub.url, hub.dir);
      // Warm-up: JIT, connection pools, the ledger's first pages; not recorded.
      // Ramped, so that a cold JIT does not trip the connectors' time limits and circuit breakers.
      for (int clients : List.of(1, 4, 16, 50)) {
        load(hub, s, "hub", "sources", clients, 0, Duration.ofSeconds(clients == 50 ? 10 : 5), Duration.ZERO,
            "warm-up-hub-c" + clients, null);
      }
      load(hub, s, "direct", "sources", 50, 0, Duration.ofSeconds(5), Duration.ZERO, "warm-up-direct", null);
      jitWarmup(hub, s);
      for (int run = 1; run <= s.runs(); run++) {
        var best = new Best();
        // The largest client count runs last: it may overload the demo sources (the JDK's
        // HttpServer drops connections) and open the hub's circuit breakers, which must not
        // leak into the other points.
        // A single client count runs first: the half-load rate needs a hub throughput.
        List<Integer> sweep = s.clients().stream().sorted().toList();
        List<Integer> first = sweep.size() == 1 ? sweep : sweep.subList(0, sweep.size() - 1);
        List<Integer> last = sweep.size() == 1 ? List.of() : List.of(sweep.getLast());
        closedPoints(hub, s, first, run, all, best);
        // Hub-added latency at half the hub's best throughput: the same schedule on both targets.
        double rate = Math.max(1, Math.floor(best.hub / 2));
        List<Map<String, Object>> open = new ArrayList<>();
        for (String target : List.of("direct", "hub")) {
          open.add(load(hub, s, target, "sources", 0, rate, s.duration(), s.warmup(),
              "open-" + target + "-half-run" + run, run));
        }
        if (!s.sustain().isZero()) {
          all.add(load(hub, s, "hub", "all", s.sustainClients(), 0, s.sustain(), s.warmup(),
              "sustained-hub-all-run" + run, run));
        }
        closedPoints(hub, s, last, run, all, best);
        for (var r : open) {
          r.put("bestHubThroughput", best.hub);
          r.put("bestDirectThroughput", best.direct);
          all.add(r);
        }
      }
    }
    summary.put("loadAverageAtEnd", loadAverage());
    summary.put("runs", all);
    if (s.jmh()) {
      summary.put("jmh", jmh(s));
    }
    Map<String, Object> table = table(all, s, summary);
    summary.put("figures", table);
    Files.writeString(s.out().resolve("summary.json"),
        LoadGenerator.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    chart(all, s);
    System.out.println("wrote " + s.out().resolve("summary.json") + " and " + s.out().resolve("latency-vs-throughput.png"));
  }

  static Settings parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    List<String> hubArgs = new ArrayList<>();
    List<String> jvmArgs = new ArrayList<>();
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          System.out.println(HELP);
          System.exit(0);
        }
        case "--quick" -> quick = true;
        case "--no-jmh" -> a.put("jmh", "false");
        case "--hub-arg" -> hubArgs.add(args[++i]);
        case "--hub-jvm-arg" -> jvmArgs.add(args[++i]);
        default -> {
          if (!args[i].startsWith("--") || i + 1 >= args.length) {
            throw new IllegalArgumentException("unexpected " + args[i] + " (see --help)");
          }
          a.put(args[i].substring(2), args[++i]);
        }
      }
    }
    String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
    return new Settings(Integer.parseInt(a.getOrDefault("runs", quick ? "1" : "3")),
        Arrays.stream(a.getOrDefault("clients", quick ? "1,10,100" : "1,10,100,1000").split(","))
            .map(Integer::parseInt).toList(),
        LoadGenerator.duration(a.getOrDefault("duration", quick ? "4s" : "20s")),
        LoadGenerator.duration(a.getOrDefault("warmup", quick ? "1s" : "3s")),
        LoadGenerator.duration(a.getOrDefault("jit-warmup", quick ? "0s" : "180s")),
        LoadGenerator.duration(a.getOrDefault("sustain", quick ? "0s" : "60s")),
        Integer.parseInt(a.getOrDefault("sustain-clients", "100")),
        Boolean.parseBoolean(a.getOrDefault("jmh", quick ? "false" : "true")),
        Path.of(a.getOrDefault("out", "target/bench/side-by-side-" + stamp)),
        Path.of(a.getOrDefault("jar", "hub/target/gdx-hub-exec.jar")), hubArgs, jvmArgs);
  }

  static final String HELP = """
      bin/bench side-by-side [options]   direct source vs hub, JMH policy and ledger, chart and table
        --runs 3                 repeats (figures are min / median / max over them)
        --clients 1,10,100,1000  closed-loop client counts (each: direct, then hub)
        --duration 20s           measured time per point (after --warmup 3s)
        --jit-warmup 180s        full load (sustain clients, all datasets) before the first point: the
                                 JIT needs minutes at full load on 2 cores to reach full speed
        --sustain 60s            sustained hub run with the full dataset mix per repeat (0s: none)
        --sustain-clients 100
        --no-jmh                 skip the JMH policy and ledger benchmarks
        --out DIR                default target/bench/side-by-side-<time>
        --hub-arg --x=y          extra hub argument (repeatable), e.g. a PostgreSQL datasource
        --hub-jvm-arg -Xmx1g     extra hub JVM option (repeatable), e.g. -XX:StartFlightRecording=...
        --quick                  smoke run: 1 repeat, 1/10/100 clients, 4 s points, no sustain, no JMH""";

  /**
   * The JIT reaches full speed only after minutes of full load on 2 cores: on 2026-12-04 the
   * hub's throughput rose from ~650 to ~2,000 lookups/s over the first 3 minutes, in small steps
   * that no "steady within x %" test over 10 s windows told apart from noise. So a fixed time of
   * full load with the whole dataset mix, in 10 s windows logged to show the ramp.
   */
  private static void jitWarmup(HubProcess hub, Settings s) throws Exception {
    long windows = (s.jitWarmup().toSeconds() + 9) / 10;
    for (int window = 1; window <= windows; window++) {
      load(hub, s, "hub", "all", s.sustainClients(), 0, Duration.ofSeconds(10), Duration.ZERO,
          "warm-up-hub-full-" + window, null);
    }
  }

  /** The best closed-loop throughput of each target so far in one repeat. */
  private static final class Best {
    double hub;
    double direct;
  }

  /** Closed-loop points: each client count against the demo sources directly, then through the hub. */
  private static void closedPoints(HubProcess hub, Settings s, List<Integer> counts, int run,
      List<Map<String, Object>> all, Best best) throws Exception {
    for (int clients : counts) {
      for (String target : List.of("direct", "hub")) {
        var r = load(hub, s, target, "sources", clients, 0, s.duration(), s.warmup(),
            "closed-" + target + "-c" + clients + "-run" + run, run);
        all.add(r);
        double throughput = (double) r.get("throughput");
        if (target.equals("hub")) {
          best.hub = Math.max(best.hub, throughput);
        } else {
          best.direct = Math.max(best.direct, throughput);
        }
      }
    }
  }

  static Map<String, Object> load(HubProcess hub, Settings s, String target, String mix, int clients, double rate,
      Duration duration, Duration warmup, String label, Integer run) throws Exception {
    var o = new LoadGenerator.Options(target, mix, hub.url, "http://127.0.0.1:" + hub.businessPort,
        "http://127.0.0.1:" + hub.revenuePort, hub.samples, clients, rate, duration, warmup, 0.05, 9,
        BUSINESS_USER + ":" + hub.secret, REVENUE_USER + ":" + hub.secret, label,
        s.out().resolve(label + ".json"));
    Duration cpuBefore = hub.cpu();
    Map<String, Object> r = LoadGenerator.run(o);
    // CPU the hub's JVM (hub and demo sources) spent per call: steadier than latency on a shared machine.
    double cpuMs = (hub.cpu().minus(cpuBefore).toNanos() / 1e6) / Math.max(1, (long) r.get("callsIncludingWarmup"));
    r.put("hubJvmCpuMsPerCall", LoadGenerator.round(cpuMs * 100) / 100);
    if (run != null) {
      r.put("run", run);
    }
    @SuppressWarnings("unchecked")
    var lat = (Map<String, Object>) r.get("latencyMicros");
    System.out.printf("%-32s %9.1f calls/s  p50 %6.2f ms  p99 %7.2f ms  errors %d  refused %d  cpu %.2f ms/call  (load %s)%n",
        label, (double) r.get("throughput"), ms(lat.get("p50")), ms(lat.get("p99")), (long) r.get("errors"),
        (long) r.get("refusedOverloaded"), cpuMs, loadAverage());
    r.put("loadAverage", loadAverage());
    Files.writeString(o.out(), LoadGenerator.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    if ((long) r.get("errors") > 0 && target.equals("hub") || (long) r.get("errors") > 0 && clients >= 1000) {
      // Errors may have opened a connector circuit breaker (open for 30 s by default): let it close.
      System.out.println("  (errors: pausing 35 s so that circuit breakers close before the next point)");
      Thread.sleep(35_000);
    }
    return r;
  }

  static double ms(Object micros) {
    return ((Number) micros).doubleValue() / 1000;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** The figures of the issue, each as min / median / max over the repeats. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> table(List<Map<String, Object>> all, Settings s, Map<String, Object> summary) {
    Map<String, Object> t = new LinkedHashMap<>();
    Function<String, List<Map<String, Object>>> runs = prefix -> all.stream()
        .filter(r -> ((String) r.get("label")).startsWith(prefix)).toList();
    Function<Map<String, Object>, Double> p99 = r -> ms(((Map<String, Object>) r.get("latencyMicros")).get("p99"));
    Function<Map<String, Object>, Double> p50 = r -> ms(((Map<String, Object>) r.get("latencyMicros")).get("p50"));
    Function<Map<String, Object>, Double> tp = r -> (double) r.get("throughput");
    List<Double> bestHub = new ArrayList<>();
    List<Double> bestDirect = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    List<Double> addedP99 = new ArrayList<>();
    for (int run = 1; run <= s.runs(); run++) {
      final int n = run;
      var open = runs.apply("open-").stream().filter(r -> r.get("run").equals(n)).toList();
      if (open.size() == 2) {
        double h = (double) open.get(0).get("bestHubThroughput");
        double d = (double) open.get(0).get("bestDirectThroughput");
        bestHub.add(h);
        bestDirect.add(d);
        ratio.add(h / d);
        var direct = open.stream().filter(r -> r.get("target").equals("direct")).findFirst().orElseThrow();
        var hubRun = open.stream().filter(r -> r.get("target").equals("hub")).findFirst().orElseThrow();
        addedP99.add(p99.apply(hubRun) - p99.apply(direct));
      }
    }
    t.put("hub max throughput (calls/s, sources mix)", stats(bestHub));
    t.put("direct max throughput (calls/s)", stats(bestDirect));
    t.put("hub ÷ direct throughput", stats(ratio));
    t.put("hub p99 − direct p99 at 50% of hub max (ms)", stats(addedP99));
    var sustained = runs.apply("sustained-");
    if (!sustained.isEmpty()) {
      t.put("sustained allowed, ledgered lookups/s (all datasets)",
          stats(sustained.stream().map(r -> (double) r.get("allowedThroughput")).toList()));
      t.put("sustained errors", stats(sustained.stream().map(r -> ((Number) r.get("errors")).doubleValue()).toList()));
    }
    for (int clients : s.clients()) {
      for (String target : List.of("direct", "hub")) {
        var points = runs.apply("closed-" + target + "-c" + clients + "-");
        t.put(target + " " + clients + " clients: calls/s", stats(points.stream().map(tp).toList()));
        t.put(target + " " + clients + " clients: p50 ms", stats(points.stream().map(p50).toList()));
        t.put(target + " " + clients + " clients: p99 ms", stats(points.stream().map(p99).toList()));
        t.put(target + " " + clients + " clients: errors",
            stats(points.stream().map(r -> ((Number) r.get("errors")).doubleValue()).toList()));
        t.put(target + " " + clients + " clients: refused (503 overloaded)",
            stats(points.stream().map(r -> ((Number) r.get("refusedOverloaded")).doubleValue()).toList()));
        t.put(target + " " + clients + " clients: hub JVM CPU ms/call",
            stats(points.stream().map(r -> (double) r.get("hubJvmCpuMsPerCall")).toList()));
      }
    }
    if (summary.get("jmh") instanceof Map<?, ?> jmh) {
      jmh.forEach((k, v) -> t.put("JMH " + k, v));
    }
    System.out.println();
    System.out.printf("| figure | min | median | max |%n|---|---|---|---|%n");
    t.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && m.containsKey("median")) {
        System.out.printf("| %s | %s | %s | %s |%n", k, fmt(m.get("min")), fmt(m.get("median")), fmt(m.get("max")));
      } else {
        System.out.printf("| %s | %s | | |%n", k, v instanceof Number n ? fmt(n) : v);
      }
    });
    System.out.println();
    return t;
  }

  static String fmt(Object v) {
    double d = ((Number) v).doubleValue();
    return d >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d);
  }

  static Map<String, Object> stats(List<Double> values) {
    if (values.isEmpty()) {
      return Map.of();
    }
    var sorted = values.stream().sorted().toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("min", sorted.getFirst());
    m.put("median", sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2);
    m.put("max", sorted.getLast());
    m.put("n", sorted.size());
    return m;
  }

  /** p50 and p99 against throughput of the closed-loop points (1 … 1,000 clients), both targets. */
  @SuppressWarnings("unchecked")
  static void chart(List<Map<String, Object>> all, Settings s) throws IOException {
    var data = new XYSeriesCollection();
    for (String target : List.of("direct", "hub")) {
      for (String pct : List.of("p50", "p99")) {
        var series = new XYSeries(target + " " + pct, false);
        // One point per client count (median over the repeats), joined in order of clients.
        for (int clients : s.clients()) {
          var points = all.stream()
              .filter(r -> ((String) r.get("label")).startsWith("closed-" + target + "-c" + clients + "-")).toList();
          if (points.isEmpty()) {
            continue;
          }
          double tp = (double) stats(points.stream().map(r -> (double) r.get("throughput")).toList()).get("median");
          double lat = (double) stats(points.stream()
              .map(r -> ms(((Map<String, Object>) r.get("latencyMicros")).get(pct))).toList()).get("median");
          series.add(Math.max(0.1, tp), Math.max(0.01, lat));
        }
        data.addSeries(series);
      }
    }
    JFreeChart chart = ChartFactory.createXYLineChart("Lookup latency vs throughput (closed loop, 1–"
        + s.clients().getLast() + " clients)", "throughput (calls/s)", "latency (ms, log)", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    var axis = new LogarithmicAxis("latency (ms, log scale)");
    axis.setAllowNegativesFlag(false);
    plot.setRangeAxis(axis);
    var domain = new LogarithmicAxis("throughput (calls/s, log scale; points: " + s.clients() + " clients)");
    domain.setAllowNegativesFlag(false);
    plot.setDomainAxis(domain);
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
    plot.setRenderer(new XYLineAndShapeRenderer(true, true));
    ChartUtils.saveChartAsPNG(s.out().resolve("latency-vs-throughput.png").toFile(), chart, 1000, 600);
  }

  /** The JMH benchmarks: in-process policy decision (sample time) and ledger append (one and group commit). */
  static Map<String, Object> jmh(Settings s) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    var policy = new Runner(new OptionsBuilder().include("PolicyDecisionBenchmark.inProcessWasm")
        .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(2)).measurementIterations(3)
        .measurementTime(TimeValue.seconds(3)).jvmArgsAppend("-Dgdx.opa.bin=" + System.getProperty("gdx.opa.bin", ""))
        .build()).run();
    for (RunResult r : policy) {
      String input = r.getParams().getParam("input");
      var stats = r.getPrimaryResult().getStatistics();
      out.put("policy decision " + input + " p50 µs", stats.getPercentile(50));
      out.put("policy decision " + input + " p99 µs", stats.getPercentile(99));
    }
    var ledger = new Runner(new OptionsBuilder().include("LedgerAppendBenchmark").forks(1).warmupIterations(2)
        .warmupTime(TimeValue.seconds(2)).measurementIterations(3).measurementTime(TimeValue.seconds(3)).build()).run();
    for (RunResult r : ledger) {
      out.put("ledger " + r.getParams().getBenchmark().replaceAll(".*\\.", "") + " (" + r.getParams().getParam("commit")
          + " commit), ops/s", r.getPrimaryResult().getScore());
    }
    return out;
  }

  /** An embedded hub in its own JVM: fresh data directory, free ports, bench credentials for the demo systems. */
  static final class HubProcess implements AutoCloseable {
    final Process process;
    final String url;
    final int businessPort;
    final int revenuePort;
    final Path dir;
    final Path samples;
    final String secret = "bench-" + Long.toHexString(System.nanoTime());

    private HubProcess(Settings s) throws Exception {
      dir = s.out().resolve("hub-data").toAbsolutePath();
      Files.createDirectories(dir);
      samples = dir.resolve("samples.json");
      int port = freePort();
      businessPort = freePort();
      revenuePort = freePort();
      int clerkPort = freePort();
      url = "http://127.0.0.1:" + port;
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(s.hubJvmArgs());
      cmd.addAll(List.of("-jar", s.jar().toAbsolutePath().toString(), "--server.port=" + port,
          "--server.address=127.0.0.1", "--hub.data-dir=" + dir, "--hub.demo.samples-file=" + samples,
          "--hub.connectors.demo.servers.business-registry.port=" + businessPort,
          "--hub.connectors.demo.servers.revenue-department.port=" + revenuePort,
          "--hub.connectors.demo.servers.population-registry-clerk.port=" + clerkPort,
          // One demo officer makes every call: lift the per-officer rate limit (a load test is not abuse).
          "--hub.security.rate-limit.lookups-per-minute=1000000000",
          "--hub.security.demo-users." + OUTSIDER + ".agency=nonthaburi-provincial-office",
          "--hub.security.demo-users." + OUTSIDER + ".unit=registration",
          "--hub.security.demo-users." + OUTSIDER + ".officer=outsider-001",
          "--hub.security.demo-users." + OUTSIDER + ".roles=consumer_officer",
          "--logging.level.org.gdxhub=WARN"));
      cmd.addAll(s.hubArgs());
      var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile());
      pb.environment().put("GDX_CREDENTIALS_BUSINESS_REGISTRY_USERNAME", BUSINESS_USER);
      pb.environment().put("GDX_CREDENTIALS_BUSINESS_REGISTRY_PASSWORD", secret);
      pb.environment().put("GDX_CREDENTIALS_REVENUE_DEPARTMENT_USERNAME", REVENUE_USER);
      pb.environment().put("GDX_CREDENTIALS_REVENUE_DEPARTMENT_PASSWORD", secret);
      process = pb.start();
    }

    static HubProcess start(Settings s) throws Exception {
      var hub = new HubProcess(s);
      Runtime.getRuntime().addShutdownHook(new Thread(hub.process::destroy));
      try {
        hub.awaitReady();
      } catch (Exception e) {
        hub.close();
        throw e;
      }
      return hub;
    }

    private void awaitReady() throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the hub exited; see " + dir.resolve("hub.log"));
        }
        try {
          var r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && Files.exists(samples)) {
            return;
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("the hub did not become healthy in 3 minutes; see " + dir.resolve("hub.log"));
    }

    /** CPU time of the hub's JVM so far (all threads). */
    Duration cpu() {
      return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private SideBySide() {}
}
