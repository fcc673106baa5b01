package org.gdxhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.gdxhub.catalog.AccessRequest;
import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.ApproveAccess;
import org.gdxhub.catalog.CatalogProperties;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.CatalogSnapshot;
import org.gdxhub.catalog.CatalogSnapshotService;
import org.gdxhub.catalog.Classification;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetField;
import org.gdxhub.catalog.RegisterDataset;
import org.gdxhub.catalog.RequestAccess;
import org.gdxhub.catalog.internal.JdbcAgreementStore;
import org.gdxhub.catalog.internal.JdbcCatalogStore;
import org.gdxhub.common.CallerIdentity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The catalog reads of one lookup (the dataset, and the consumer's agreement for it) on the
 * embedded H2 file database: read from the database every time ({@code readThrough}, the pre-ADR
 * 0017 path), and through the catalog snapshot ({@code snapshot}: one read of the change counter,
 * rows from memory). A consumer with a few agreements, a dataset of 12 fields.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CatalogReadBenchmark {

  static final CallerIdentity OWNER = new CallerIdentity("owner", "unit", "steward", Set.of());
  static final CallerIdentity CONSUMER = new CallerIdentity("consumer", "unit", "officer", Set.of());

  private Path dir;
  private HikariDataSource dataSource;
  private CatalogService catalog;
  private AgreementService agreements;
  private CatalogSnapshotService snapshots;
  private final LocalDate today = LocalDate.now(org.gdxhub.policy.PolicyInput.CALENDAR_ZONE);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("gdx-bench-catalog-");
    var config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH");
    config.setUsername("sa");
    config.setMaximumPoolSize(8);
    dataSource = new HikariDataSource(config);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    Clock clock = Clock.systemUTC();
    var catalogStore = new JdbcCatalogStore(jdbc);
    var agreementStore = new JdbcAgreementStore(jdbc);
    catalog = new CatalogService(catalogStore, clock, e -> {});
    agreements = new AgreementService(agreementStore, catalog, clock, e -> {});
    snapshots = new CatalogSnapshotService(catalogStore, agreementStore,
        new CatalogProperties(new CatalogProperties.Cache(true, 10_000)));
    var unit = List.of(new Agency.AgencyUnit("unit", "หน่วย", "Unit"));
    catalog.registerAgency(new Agency("owner", "เจ้าของ", "Owner", null, unit));
    catalog.registerAgency(new Agency("consumer", "ผู้ใช้", "Consumer", null, unit));
    List<DatasetField> fields = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      fields.add(new DatasetField("field_" + i, "ช่อง " + i, "Field " + i, true, false));
    }
    catalog.register(OWNER, new RegisterDataset("civil-record", "ทะเบียนราษฎร", "Civil record", "by citizen ID",
        Classification.PERSONAL, "Civil Registration Act", "population-registry.civil-record", fields));
    catalog.publish(OWNER, "civil-record");
    List<String> names = fields.stream().map(DatasetField::name).toList();
    for (int i = 0; i < 3; i++) {
      AccessRequest request = agreements.requestAccess(CONSUMER,
          new RequestAccess("civil-record", "purpose-" + i, "Act", names, false));
      agreements.approve(OWNER, request.id(), new ApproveAccess(LocalDate.of(2020, 1, 1),
          LocalDate.of(i == 2 ? 2099 : 2021, 12, 31), null, false, 10_000));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    dataSource.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @Threads(1)
  public Optional<Agreement> readThrough() {
    Dataset dataset = catalog.dataset("civil-record").orElseThrow();
    return agreements.agreementForLookup("consumer", dataset.id(), today);
  }

  @Benchmark
  @Threads(1)
  public Optional<Agreement> snapshot() {
    CatalogSnapshot terms = snapshots.current();
    Dataset dataset = terms.dataset("civil-record").orElseThrow();
    return terms.agreementForLookup("consumer", dataset.id(), today);
  }
}
