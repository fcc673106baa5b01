package org.gdxhub.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import org.gdxhub.ledger.ExchangeRecord.Decision;
import org.gdxhub.ledger.internal.ElasticsearchLedgerIndex;
import org.gdxhub.ledger.internal.LedgerDocument;
import org.gdxhub.ledger.internal.LuceneLedgerIndex;
import org.gdxhub.policy.PolicyDecision.Reason;
import org.gdxhub.testsupport.ElasticsearchServer;

/**
 * Load generator for the ledger search backends (run by {@code bin/bench-ledger-search}, not a
 * test): bulk-indexes N generated entries (default 1,000,000) into each backend, in batches as a
 * relay or reindex would, then times a mix of committee queries and reports the percentiles.
 * Elasticsearch is the real 8.19 server the tests use (ElasticsearchServer).
 *
 * <p>Arguments: {@code --entries N --batch B --queries Q --backends lucene,elasticsearch}.
 */
public final class LedgerIndexBenchmark {

  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
  static final int AGENCIES = 40;
  static final int UNITS = 6;
  static final int OFFICERS = 4;
  static final int SUBJECTS = 300_000;
  static final List<String> DATASETS = List.of("civil-record", "house-registration", "juristic-person",
      "vat-registration", "land-title");
  static final List<String> PURPOSES = List.of("welfare-registration", "tax-audit", "business-licence",
      "investigation", "land-transfer", "social-security");
  static final List<String> REASONS = List.of("no_agreement", "purpose_mismatch", "field_not_granted",
      "agreement_expired", "online_not_allowed");
  static final Instant START = LocalDate.parse("2026-01-01").atStartOfDay(BANGKOK).toInstant();
  static final long SPAN_SECONDS = Duration.ofDays(320).toSeconds();

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("entries", "1000000", "batch", "5000", "queries", "1000",
        "backends", "lucene,elasticsearch", "threads", "1"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int entries = Integer.parseInt(opts.get("entries"));
    int batch = Integer.parseInt(opts.get("batch"));
    int queries = Integer.parseInt(opts.get("queries"));
    int threads = Integer.parseInt(opts.get("threads"));
    System.out.printf("ledger search benchmark: %,d entries, batches of %,d from %d thread(s), %,d queries; %d cores, "
        + "JVM max heap %d MiB, Java %s%n", entries, batch, threads, queries, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    var properties = new LedgerSearchProperties("bench", BANGKOK, new LedgerSearchProperties.OfficeHours(
        LocalTime.of(8, 30), LocalTime.of(16, 30), EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY)),
        Duration.ZERO, batch, new LedgerSearchProperties.Lucene("unused"),
        new LedgerSearchProperties.Elasticsearch("unused", "unused", null, null, 1, 0, Duration.ofSeconds(1)),
        new LedgerSearchProperties.Anomalies(3, 20, 30, 3, 3, 20));
    for (String backend : opts.get("backends").split(",")) {
      LedgerIndex index = switch (backend.trim()) {
        case "lucene" -> new LuceneLedgerIndex(Files.createTempDirectory("gdx-bench-lucene-"),
            new LedgerDocument(properties));
        case "elasticsearch" -> {
          String url = opts.getOrDefault("url", null);
          var es = new ElasticsearchLedgerIndex(new LedgerSearchProperties.Elasticsearch(
              url != null ? url : ElasticsearchServer.shared().url(), "gdx-ledger-bench", null, null, 1, 0,
              Duration.ofSeconds(1)), new LedgerDocument(properties));
          es.deleteAll();
          yield es;
        }
        default -> throw new IllegalArgumentException("unknown backend " + backend);
      };
      try {
        run(index, entries, batch, queries, threads);
      } finally {
        if (index instanceof AutoCloseable c) {
          c.close();
        }
      }
    }
    System.exit(0);
  }

  static void run(LedgerIndex index, int entries, int batch, int queries, int threads) throws Exception {
    System.out.printf("%n== %s ==%n", index.name());
    long t0 = System.nanoTime();
    var next = new java.util.concurrent.atomic.AtomicInteger();
    var indexed = new java.util.concurrent.atomic.AtomicLong();
    var lastReport = new java.util.concurrent.atomic.AtomicLong(t0);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(Thread.ofPlatform().start(() -> {
        int b;
        while ((b = next.getAndIncrement()) * (long) batch < entries) {
          Random random = new Random(b);
          List<LedgerEntry> page = new ArrayList<>(batch);
          for (int i = b * batch; i < Math.min(entries, (b + 1) * batch); i++) {
            page.add(generate(i, entries, random));
          }
          index.index(page);
          long done = indexed.addAndGet(page.size());
          long now = System.nanoTime();
          long last = lastReport.get();
          if (now - last > 15_000_000_000L && lastReport.compareAndSet(last, now)) {
            System.out.printf("  indexed %,d / %,d (%,.0f entries/s)%n", done, entries, done / ((now - t0) / 1e9));
          }
        }
      }));
    }
    for (Thread w : workers) {
      w.join();
    }
    index.refresh();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long count = index.count();
    System.out.printf("indexing: %,d entries in %.1f s = %,.0f entries/s (count after refresh: %,d)%n", entries,
        seconds, entries / seconds, count);
    if (count != entries) {
      throw new IllegalStateException("index holds " + count + " entries, expected " + entries);
    }

    List<Map.Entry<String, Function<Random, LedgerSearch>>> mix = queryMix();
    Random qr = new Random(7);
    for (int i = 0; i < 100; i++) { // warm-up
      index.search(mix.get(i % mix.size()).getValue().apply(qr));
    }
    Map<String, List<Long>> byType = new LinkedHashMap<>();
    List<Long> all = new ArrayList<>();
    long hits = 0;
    for (int i = 0; i < queries; i++) {
      var q = mix.get(i % mix.size());
      LedgerSearch search = q.getValue().apply(qr);
      long s = System.nanoTime();
      LedgerSearchResult result = index.search(search);
      long micros = (System.nanoTime() - s) / 1000;
      hits += result.total();
      all.add(micros);
      byType.computeIfAbsent(q.getKey(), k -> new ArrayList<>()).add(micros);
    }
    System.out.printf("search: %,d queries, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (mean hits %,d)%n",
        queries, pct(all, 50), pct(all, 95), pct(all, 99), pct(all, 100), hits / queries);
    byType.forEach((type, times) -> System.out.printf("  %-28s p50 %6.1f ms  p95 %6.1f ms%n", type, pct(times, 50),
        pct(times, 95)));

    long s = System.nanoTime();
    LedgerStatistics stats = new LedgerStatisticsService(index, BANGKOK).statistics(null, null, 5);
    System.out.printf("statistics over all %,d entries: %.0f ms (%d units, %d months)%n", stats.totals().lookups(),
        (System.nanoTime() - s) / 1e6, stats.perUnit().size(), stats.months().size());
    s = System.nanoTime();
    Instant from = START.plus(Duration.ofDays(200));
    List<LedgerAnomaly> anomalies = new LedgerAnomalyService(index, BANGKOK,
        new LedgerSearchProperties.Anomalies(3, 20, 30, 3, 3, 20)).anomalies(from, from.plus(Duration.ofDays(7)));
    System.out.printf("anomalies over 7 days (+30-day baseline): %.0f ms (%d found)%n", (System.nanoTime() - s) / 1e6,
        anomalies.size());
  }

  static List<Map.Entry<String, Function<Random, LedgerSearch>>> queryMix() {
    return List.of(
        Map.entry("agency+month", r -> {
          Instant from = START.plus(Duration.ofDays(30L * r.nextInt(10)));
          return LedgerSearch.builder().agency(agency(r.nextInt(AGENCIES))).from(from)
              .to(from.plus(Duration.ofDays(30))).limit(50).build();
        }),
        Map.entry("officer", r -> {
          int a = r.nextInt(AGENCIES);
          int u = r.nextInt(UNITS);
          return LedgerSearch.builder().officer(officer(a, u, r.nextInt(OFFICERS))).limit(50).build();
        }),
        Map.entry("subject pseudonym", r -> LedgerSearch.builder().subjectPseudonym(pseudonym(r.nextInt(SUBJECTS)))
            .limit(50).build()),
        Map.entry("agency+unit+deny+week", r -> {
          Instant from = START.plus(Duration.ofDays(r.nextInt(300)));
          return LedgerSearch.builder().agency(agency(r.nextInt(AGENCIES))).unit(unit(r.nextInt(UNITS)))
              .decision("deny").from(from).to(from.plus(Duration.ofDays(7))).limit(50).build();
        }),
        Map.entry("reason+dataset", r -> LedgerSearch.builder().reasonCode(REASONS.get(r.nextInt(REASONS.size())))
            .dataset(DATASETS.get(r.nextInt(DATASETS.size()))).limit(50).build()),
        Map.entry("text case ref", r -> LedgerSearch.builder().text(caseRef(r.nextInt(1_000_000))).limit(50).build()),
        Map.entry("text purpose+agency", r -> LedgerSearch.builder().text(PURPOSES.get(r.nextInt(PURPOSES.size()))
            .split("-")[0]).agency(agency(r.nextInt(AGENCIES))).limit(50).build()),
        Map.entry("dataset+purpose page 20", r -> LedgerSearch.builder().dataset(DATASETS.get(r.nextInt(DATASETS.size())))
            .purpose(PURPOSES.get(r.nextInt(PURPOSES.size()))).limit(50).offset(1000).build()));
  }

  static LedgerEntry generate(int i, int entries, Random r) {
    int a = r.nextInt(AGENCIES);
    int u = r.nextInt(UNITS);
    Instant at = START.plusSeconds((long) i * SPAN_SECONDS / entries).plusMillis(r.nextInt(1000));
    boolean deny = r.nextInt(10) == 0;
    List<Reason> reasons = deny ? List.of(new Reason(REASONS.get(r.nextInt(REASONS.size())), "denied by policy"))
        : List.of();
    var x = new ExchangeRecord(UUID.randomUUID().toString(), agency(a), unit(u), officer(a, u, r.nextInt(OFFICERS)),
        DATASETS.get(r.nextInt(DATASETS.size())), "agreement-" + a, 1, PURPOSES.get(r.nextInt(PURPOSES.size())),
        "Civil Registration Act B.E. 2534", caseRef(i), r.nextBoolean(), "citizen_id",
        pseudonym(r.nextInt(SUBJECTS)), deny ? Decision.DENY : Decision.ALLOW, reasons,
        deny ? List.of() : List.of("citizen_id", "first_name_th", "last_name_th", "birth_date"),
        deny ? null : (long) r.nextInt(80), deny ? "denied" : "served");
    return new LedgerEntry(i + 1L, UUID.randomUUID().toString(), at, x, "0".repeat(64), "1".repeat(64));
  }

  static String agency(int a) {
    return "agency-" + a;
  }

  static String unit(int u) {
    return List.of("registration", "public-works", "revenue", "environment", "community-development",
        "municipal-police").get(u);
  }

  static String officer(int a, int u, int o) {
    return "officer-" + a + "-" + u + "-" + o;
  }

  static String caseRef(int i) {
    return "CASE-2569-" + i;
  }

  static String pseudonym(int subject) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(("subject-" + subject).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static double pct(List<Long> micros, int p) {
    List<Long> sorted = micros.stream().sorted().toList();
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000.0;
  }

  private LedgerIndexBenchmark() {}
}
