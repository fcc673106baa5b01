package org.gdxhub.reliability;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.gdxhub.demo.DemoData;
import org.gdxhub.testsupport.LoadDriver;
import org.gdxhub.testsupport.ReliabilityReport.HubProbe;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the fault scenarios share: the steady load, waiting for progress, counting a phase. */
final class Scenarios {

  static final List<String> CITIZENS = List.of("1005662330474", "1622521780840", "1097242395737");

  private Scenarios() {}

  /** Four clients looking up civil records; one call in ten states a purpose outside the agreement. */
  /**
   * What every row's hub needs under the steady load: no per-officer rate limit, no daily quota on
   * the demo civil-record agreement (the load outlasts both), and health details for the probes.
   */
  static void underSteadyLoad(DynamicPropertyRegistry p) {
    p.add("hub.security.rate-limit.lookups-per-minute", () -> "0");
    p.add("hub.demo.civil-record-daily-quota", () -> "0");
    p.add("management.endpoint.health.show-details", () -> "always");
  }

  /**
   * The hub properties both Kafka rows share: a fresh data directory, {@link #underSteadyLoad}, and
   * the outbox relayed to {@code bootstrapServers} (topic of 3 partitions,
   * quick retries) with the hub's own Kafka consumer indexing from it under {@code group}.
   */
  static void kafkaRelayedHub(DynamicPropertyRegistry p, String name, Supplier<Object> bootstrapServers,
      String topic, String group) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-rel-" + name + "-").toString();
    p.add("hub.data-dir", () -> dataDir);
    underSteadyLoad(p);
    p.add("hub.ledger.relay.publisher", () -> "kafka");
    p.add("hub.ledger.relay.interval", () -> "50ms");
    p.add("hub.ledger.relay.max-backoff", () -> "2s");
    p.add("hub.ledger.kafka.bootstrap-servers", bootstrapServers);
    p.add("hub.ledger.kafka.topic", () -> topic);
    p.add("hub.ledger.kafka.topic-partitions", () -> "3");
    p.add("hub.ledger.kafka.consumer.enabled", () -> "true");
    p.add("hub.ledger.kafka.consumer.group-id", () -> group);
  }

  static LoadDriver civilRecordLoad(URI hub, String officerToken) {
    return new LoadDriver(hub, DemoData.DATASET, 4, n -> """
        {"subjectId":"%s","purpose":"%s","caseRef":"REL-%d","cardPresent":true}"""
        .formatted(CITIZENS.get(n % CITIZENS.size()), n % 10 == 0 ? "debt-collection" : DemoData.PURPOSE, n),
        Duration.ofMillis(20)).withBearer(officerToken);
  }

  static void awaitServed(LoadDriver load, long served, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (load.counts().served() < served) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("load did not reach " + served + " served lookups: " + load.counts().byOutcome());
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the search index holds at least {@code entries} entries (it is being fed). */
  static void awaitIndexed(HubProbe probe, long entries, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (probe.indexEntries() < entries) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the index did not reach " + entries + " entries: " + probe.indexEntries());
      }
      Thread.sleep(250);
    }
  }

  /** The counts of one phase: {@code later} minus {@code earlier} (the id sets are the phase's new ids). */
  static LoadDriver.Counts minus(LoadDriver.Counts later, LoadDriver.Counts earlier) {
    Map<String, Long> outcomes = new TreeMap<>();
    later.byOutcome().forEach((k, v) -> {
      long d = v - earlier.byOutcome().getOrDefault(k, 0L);
      if (d != 0) {
        outcomes.put(k, d);
      }
    });
    return new LoadDriver.Counts(later.attempted() - earlier.attempted(), later.served() - earlier.served(),
        later.denied() - earlier.denied(), later.errors() - earlier.errors(), outcomes,
        difference(later.servedRequestIds(), earlier.servedRequestIds()),
        difference(later.servedLedgerEntryIds(), earlier.servedLedgerEntryIds()),
        difference(later.ledgeredEntryIds(), earlier.ledgeredEntryIds()));
  }

  /** Two loads' counts added up (two datasets under load at once). */
  static LoadDriver.Counts plus(LoadDriver.Counts a, LoadDriver.Counts b) {
    Map<String, Long> outcomes = new TreeMap<>(a.byOutcome());
    b.byOutcome().forEach((k, v) -> outcomes.merge(k, v, Long::sum));
    return new LoadDriver.Counts(a.attempted() + b.attempted(), a.served() + b.served(), a.denied() + b.denied(),
        a.errors() + b.errors(), outcomes, union(a.servedRequestIds(), b.servedRequestIds()),
        union(a.servedLedgerEntryIds(), b.servedLedgerEntryIds()), union(a.ledgeredEntryIds(), b.ledgeredEntryIds()));
  }

  /** The answers whose call started in [from, to) ({@link System#nanoTime()} values). */
  static List<LoadDriver.Sample> between(List<LoadDriver.Sample> samples, long from, long to) {
    return samples.stream().filter(s -> s.startedNanos() >= from && s.startedNanos() < to).toList();
  }

  /** The p-th percentile (0..100) of the answers' latency in milliseconds; 0 when there are none. */
  static long percentile(List<LoadDriver.Sample> samples, double p) {
    long[] millis = samples.stream().mapToLong(LoadDriver.Sample::millis).sorted().toArray();
    return millis.length == 0 ? 0 : millis[(int) Math.min(millis.length - 1, Math.ceil(p / 100 * millis.length) - 1)];
  }

  /** Ledger entry ids a client was given (served or refused) that the hub's ledger does not have. */
  static List<String> missingEntries(HubProbe probe, LoadDriver.Counts counts) {
    return counts.ledgeredEntryIds().stream().filter(id -> !probe.hasEntry(id)).toList();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return Set.copyOf(d);
  }
}
