package org.gdxhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.gdxhub.ledger.DecisionRecord;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerProperties;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.ledger.internal.LedgerGroupCommit;
import org.gdxhub.policy.PolicyDecision;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Ledger appends as a lookup makes them ({@link LedgerService#append}: entry, policy decision,
 * usage count, chain head) on the embedded H2 file database, from 1 and from 32
 * threads, with group commit on ({@code group}) and off ({@code single}: one transaction per
 * append on the caller's thread, the pre-#9 behaviour). Also the quota read a lookup makes
 * before its decision. Run with {@code bin/bench side-by-side} or
 * {@code java -cp ... org.openjdk.jmh.Main LedgerAppendBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class LedgerAppendBenchmark {

  @Param({"single", "group"})
  public String commit;

  private Path dir;
  private HikariDataSource dataSource;
  private LedgerGroupCommit groupCommit;
  private LedgerService ledger;
  private String agreementId;
  private java.time.Instant today;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("gdx-bench-ledger-");
    var config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH");
    config.setUsername("sa");
    config.setMaximumPoolSize(40);
    dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    var store = new JdbcLedgerStore(JdbcClient.create(dataSource));
    Clock clock = Clock.systemUTC();
    groupCommit = new LedgerGroupCommit(store, new JdbcTransactionManager(dataSource), clock,
        new LedgerProperties.GroupCommit(commit.equals("group"), 256, Duration.ZERO));
    ledger = new LedgerService(store, clock, groupCommit);
    agreementId = UUID.randomUUID().toString();
    today = clock.instant().atZone(org.gdxhub.policy.PolicyInput.CALENDAR_ZONE).toLocalDate()
        .atStartOfDay(org.gdxhub.policy.PolicyInput.CALENDAR_ZONE).toInstant();
    // A day's worth of entries already there, so the quota read has something to count.
    try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 5_000; i++) {
        clients.submit(this::appendOne);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    groupCommit.close();
    dataSource.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private LedgerEntry appendOne() {
    String requestId = org.gdxhub.common.TimeOrderedIds.next();
    var exchange = new ExchangeRecord(requestId, "bangrak-district-office", "registration", "officer-001",
        "company-certificate", agreementId, 1, "trade-registration", "Commercial Registration Act B.E. 2499",
        "BENCH-2569-0001", true, "juristic_id", "9f2c4b7a1e0d3c5b8a6f9e2d1c0b3a4f5e6d7c8b9a0f1e2d3c4b5a6978695a4b",
        ExchangeRecord.Decision.ALLOW, List.of(new PolicyDecision.Reason("agreement_valid", "agreement in force")),
        List.of("juristic_id", "name_th", "name_en", "status", "address"), 3L, "served");
    var decision = new DecisionRecord("wasm", "{\"input\":\"a policy input of about the usual size\"}",
        "{\"allow\":true,\"fields\":[\"juristic_id\",\"name_th\",\"name_en\",\"status\",\"address\"]}");
    return ledger.append(exchange, decision);
  }

  @Benchmark
  @Threads(1)
  public LedgerEntry append1Thread() {
    return appendOne();
  }

  @Benchmark
  @Threads(32)
  public LedgerEntry append32Threads() {
    return appendOne();
  }

  /** The quota read of every lookup: entries served under the agreement today (usage count). */
  @Benchmark
  @Threads(1)
  public long quotaRead() {
    return ledger.servedUnderAgreementSince(agreementId, today);
  }
}
