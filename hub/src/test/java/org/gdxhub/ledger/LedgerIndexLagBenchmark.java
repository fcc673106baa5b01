package org.gdxhub.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.gdxhub.GdxHubApplication;
import org.gdxhub.testsupport.ElasticsearchServer;
import org.gdxhub.testsupport.KafkaServer;
import org.gdxhub.testsupport.PostgresServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Indexing lag of the real ledger pipeline at a fixed append rate: how long after an entry is
 * durably appended it can be found by a committee search. The hub's own application context
 * runs in this JVM with its production wiring for the chosen backend:
 * <ul>
 *   <li>{@code lucene}: H2 system of record, outbox relayed in-process to the Lucene index (embedded default);
 *   <li>{@code elasticsearch}: PostgreSQL, outbox relayed to a real Kafka broker, the Kafka consumer bulk-indexes
 *       into a real Elasticsearch 8.19 (production).
 * </ul>
 * Appends go through {@link LedgerService#append} (one transaction each, as a lookup does) from
 * several threads on an open-loop schedule; every 100th entry is a probe with a unique officer,
 * and a probe thread searches for each probe, oldest first, until the index returns it. Run with
 * {@code bin/bench ledger-lag --backend lucene --rate 5000 --seconds 30}.
 */
public final class LedgerIndexLagBenchmark {

  record Probe(String officer, long appendedNanos) {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Exception | Error e) {
      // The engines' threads would keep a failed run's JVM alive.
      e.printStackTrace();
      System.exit(1);
    }
  }

  static void run(String[] args) throws Exception {
    // 256 appending threads: each append is a transaction of its own, so the number in flight
    // bounds the rate the group commit can reach (a hub at 5,000 lookups/s has hundreds in flight).
    Map<String, String> opts = new LinkedHashMap<>(Map.of("backend", "lucene", "rate", "5000", "seconds", "60",
        "threads", "256"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    // Until the pipeline is steady: with Elasticsearch, its JVM and Kafka's start cold and fall
    // behind for the first minute or two; the appends then catch up faster than the rate.
    opts.putIfAbsent("warmup-seconds", opts.get("backend").equals("elasticsearch") ? "150" : "30");
    if (List.of(args).contains("--help")) {
      System.out.println("options: --backend lucene|elasticsearch --store h2|postgresql --rate entries/s --seconds N "
          + "--threads N --warmup-seconds N --refresh-interval 500ms (Elasticsearch; the hub's default) "
          + "--hub.x.y value (any hub property)");
      return;
    }
    String backend = opts.get("backend");
    // The system of record: H2 with Lucene, PostgreSQL with Elasticsearch, unless --store says otherwise.
    String store = opts.getOrDefault("store", backend.equals("elasticsearch") ? "postgresql" : "h2");
    int rate = Integer.parseInt(opts.get("rate"));
    int seconds = Integer.parseInt(opts.get("seconds"));
    int threads = Integer.parseInt(opts.get("threads"));
    int warmup = Integer.parseInt(opts.get("warmup-seconds"));
    System.out.printf("ledger indexing lag: backend %s, store %s, %,d entries/s for %d s (+%d s warm-up) from %d "
        + "threads; %d cores, Java %s%n", backend, store, rate, seconds, warmup, threads,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

    Path dataDir = Files.createTempDirectory("gdx-bench-lag-");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("hub.data-dir", dataDir.toString());
    p.put("hub.demo.enabled", "false");
    p.put("hub.security.rate-limit.lookups-per-minute", "0");
    p.put("logging.level.root", "WARN");
    p.put("logging.level.org.apache.kafka", "ERROR");
    KafkaServer kafka = null;
    if (store.equals("postgresql")) {
      PostgresServer postgres = PostgresServer.shared();
      p.put("spring.datasource.url", postgres.createDatabase("lag_" + System.nanoTime()));
      p.put("spring.datasource.username", postgres.username());
    } else if (!store.equals("h2")) {
      throw new IllegalArgumentException("unknown store " + store + " (h2 or postgresql)");
    }
    if (backend.equals("elasticsearch")) {
      kafka = KafkaServer.startNew();
      p.put("hub.ledger.relay.publisher", "kafka");
      p.put("hub.ledger.relay.interval", "20ms");
      p.put("hub.ledger.kafka.bootstrap-servers", kafka.bootstrapServers());
      p.put("hub.ledger.kafka.topic", "gdx.ledger.lag-" + UUID.randomUUID());
      p.put("hub.ledger.kafka.consumer.enabled", "true");
      p.put("hub.ledger.kafka.consumer.group-id", "gdx-lag-" + UUID.randomUUID());
      p.put("hub.ledger.search.backend", "elasticsearch");
      p.put("hub.ledger.search.elasticsearch.url", ElasticsearchServer.shared().url());
      p.put("hub.ledger.search.elasticsearch.index", "gdx-lag-" + UUID.randomUUID().toString().substring(0, 8));
      p.put("hub.ledger.search.follow-interval", "0s");
      p.put("hub.ledger.search.elasticsearch.replicas", "0");
      if (opts.containsKey("refresh-interval")) {
        p.put("hub.ledger.search.elasticsearch.refresh-interval", opts.get("refresh-interval"));
      }
    } else if (backend.equals("lucene")) {
      p.put("hub.ledger.relay.interval", "20ms");
    } else {
      throw new IllegalArgumentException("unknown backend " + backend + " (lucene or elasticsearch)");
    }

    // Any --hub.* option is a hub property of its own, e.g. --hub.ledger.kafka.consumer.batch-size 2000.
    opts.forEach((k, v) -> {
      if (k.startsWith("hub.")) {
        p.put(k, v);
      }
    });
    // As command-line arguments: they override application.yml (builder properties would not).
    String[] arguments = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext hub = new SpringApplicationBuilder(GdxHubApplication.class)
        .web(WebApplicationType.NONE).run(arguments);
    LedgerService ledger = hub.getBean(LedgerService.class);
    LedgerIndex index = hub.getBean(LedgerIndex.class);

    Queue<Probe> pendingProbes = new ConcurrentLinkedQueue<>();
    AtomicLong appended = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Long> lagsNanos = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long measureFrom = start + warmup * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    double intervalNanos = 1e9 / rate;
    AtomicLong ticket = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(Thread.ofPlatform().name("append-" + t).start(() -> {
        while (true) {
          long k = ticket.getAndIncrement();
          long due = start + (long) (k * intervalNanos);
          if (due >= end) {
            return;
          }
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          ExchangeRecord r = LedgerTestSupport.record((int) k);
          boolean probe = k % 100 == 0;
          if (probe) {
            r = new ExchangeRecord(r.requestId(), r.agency(), r.unit(), "lag-probe-" + k, r.datasetId(),
                r.agreementId(), r.agreementVersion(), r.purpose(), r.legalBasis(), r.caseRef(), r.cardPresent(),
                r.subjectType(), r.subjectPseudonym(), r.decision(), r.reasons(), r.fieldsReleased(),
                r.connectorLatencyMs(), r.outcome());
          }
          try {
            ledger.append(r, new DecisionRecord("wasm", "{}", "{}"));
            appended.incrementAndGet();
            if (probe) {
              pendingProbes.add(new Probe(r.officer(), System.nanoTime()));
            }
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        }
      }));
    }

    // The prober checks every probe, oldest first, every 10 ms until the index returns it; when
    // one is found it goes straight on to the next. Checking every probe (rather than the newest
    // after each find) keeps the samples independent of the index's refresh phase, and polling
    // every 10 ms rather than busily keeps the searches (≤ 150/s) from loading the index. After
    // the appends end it still waits (up to two minutes a probe) for those pending.
    java.util.concurrent.atomic.AtomicBoolean appending = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread prober = Thread.ofPlatform().name("probe").start(() -> {
      while (true) {
        Probe probe = pendingProbes.peek();
        if (probe == null) {
          if (!appending.get()) {
            return;
          }
          LockSupport.parkNanos(10_000_000);
          continue;
        }
        LedgerSearch search = LedgerSearch.builder().officer(probe.officer()).limit(1).build();
        long giveUp = probe.appendedNanos() + 120_000_000_000L;
        while (!found(index, search) && System.nanoTime() < giveUp) {
          LockSupport.parkNanos(10_000_000);
        }
        pendingProbes.poll();
        if (probe.appendedNanos() >= measureFrom) {
          lagsNanos.add(System.nanoTime() - probe.appendedNanos());
        }
      }
    });

    long lastReport = start;
    long lastCount = 0;
    for (Thread w : workers) {
      while (w.isAlive()) {
        w.join(1000);
        long now = System.nanoTime();
        if (now - lastReport >= 5_000_000_000L) {
          long count = appended.get();
          System.out.printf("  %5.1f s: %,d appended (%,.0f/s), %,d lag samples, newest %s%n", (now - start) / 1e9,
              count, (count - lastCount) / ((now - lastReport) / 1e9), lagsNanos.size(),
              lagsNanos.isEmpty() ? "-" : String.format("%.0f ms", lagsNanos.getLast() / 1e6));
          lastReport = now;
          lastCount = count;
        }
      }
    }
    long appendEnd = System.nanoTime();
    appending.set(false);
    prober.join();
    double achieved = appended.get() / ((appendEnd - start) / 1e9);

    List<Long> lags = new ArrayList<>(lagsNanos);
    Collections.sort(lags);
    System.out.printf("%nbackend %s: offered %,d entries/s, achieved %,.0f entries/s, %,d appended, %,d failed%n",
        index.name(), rate, achieved, appended.get(), failed.get());
    if (lags.isEmpty()) {
      System.out.println("no lag samples");
    } else {
      System.out.printf("indexing lag (append committed -> found by search), %d samples: p50 %.0f ms, p95 %.0f ms, "
          + "p99 %.0f ms, max %.0f ms%n", lags.size(), pct(lags, 0.50), pct(lags, 0.95), pct(lags, 0.99),
          lags.getLast() / 1e6);
    }
    // Everything appended reaches the index: the count converges to the ledger's.
    long deadline = System.nanoTime() + 60_000_000_000L;
    long ledgerCount = ledger.count();
    while (index.count() < ledgerCount && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    System.out.printf("ledger %,d entries, index %,d entries%n", ledgerCount, index.count());
    hub.close();
    if (kafka != null) {
      kafka.stop();
    }
    System.exit(0);
  }

  /** Whether the search finds the probe; an index still starting (e.g. shards not yet allocated) has not found it. */
  static boolean found(LedgerIndex index, LedgerSearch search) {
    try {
      return index.search(search).total() > 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static double pct(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }
}
