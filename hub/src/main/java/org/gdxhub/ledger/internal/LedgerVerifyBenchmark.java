package org.gdxhub.ledger.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import org.gdxhub.ledger.LedgerCheckpoint;
import org.gdxhub.ledger.LedgerVerification;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;

/**
 * {@code ledger-benchmark}: how long offline verification of a large export takes. Generates
 * a synthetic ledger with realistic column values (the production hashing, a checkpoint every
 * N entries signed by a fresh key in a temporary keystore), writes it with the production
 * export writer, then times {@link LedgerExportVerifier} on it with the certificate trusted.
 */
final class LedgerVerifyBenchmark {

  private static final String[] AGENCIES = {"bangrak-district-office", "pathumwan-district-office",
      "revenue-department", "social-security-office", "land-department", "bangkok-metropolitan-administration",
      "chiang-mai-provincial-office", "department-of-employment"};
  private static final String[] UNITS = {"registration", "public-works", "revenue", "environment",
      "community-development", "municipal-police"};
  private static final String[] DATASETS = {"civil-record", "house-registration", "juristic-person"};
  private static final String[] PURPOSES = {"welfare-registration", "tax-assessment", "land-title-transfer",
      "employment-permit", "elderly-allowance"};
  private static final String FIELDS = "[\"citizen_id\",\"title_th\",\"first_name_th\",\"last_name_th\",\"birth_date\",\"house_id\"]";
  private static final String DENY_REASONS =
      "[{\"code\":\"purpose_not_in_agreement\",\"message\":\"the purpose is not covered by the agreement\"}]";

  private LedgerVerifyBenchmark() {}

  static int run(CommandArguments a, PrintStream out) throws IOException {
    long entries = a.number("entries", 1_000_000);
    long every = a.number("checkpoint-every", 1000);
    long runs = a.number("runs", 3);
    if (entries < 1 || every < 1 || runs < 1) {
      throw new CommandArguments.UsageException("--entries, --checkpoint-every and --runs must be at least 1");
    }
    boolean keep = a.flag("keep") || a.value("dir", null) != null;
    Path dir = a.value("dir", null) == null ? Files.createTempDirectory("gdx-ledger-bench-")
        : Files.createDirectories(Path.of(a.value("dir", null)));
    try {
      SigningService signing = SigningService.localKeystore(dir.resolve("bench-keys.p12"), "benchmark");
      X509Certificate certificate = signing.certificate("ledger-checkpoint");
      Files.writeString(dir.resolve("certificate.pem"), Signatures.toPem(certificate));
      Path export = dir.resolve("ledger-" + entries + ".jsonl");

      out.printf(Locale.ROOT, "ledger-benchmark: %,d entries, a checkpoint every %,d, %d verification runs%n", entries,
          every, runs);
      out.printf(Locale.ROOT, "  machine      %d cores, load average %.2f, max heap %,d MiB, Java %s (%s)%n",
          Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"));
      long started = System.nanoTime();
      long checkpoints = generate(export, entries, every, signing);
      double generated = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "  generated    %s: %,d MiB, %,d checkpoints, in %.1f s%n", export,
          Files.size(export) >> 20, checkpoints, generated);

      List<Double> times = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        LedgerExportVerifier.Result result;
        try (InputStream in = LedgerCommands.open(export.toString())) {
          result = LedgerExportVerifier.verify(in, List.of(certificate));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        LedgerVerification v = result.verification();
        if (!v.valid() || v.entriesChecked() != entries || v.checkpointsChecked() != checkpoints) {
          out.println("  run " + run + " did not verify the generated export: " + v);
          return LedgerCommands.INVALID;
        }
        times.add(seconds);
        out.printf(Locale.ROOT, "  run %d        %.2f s wall, %.2f s CPU (%,.0f entries/s, %,d checkpoint signatures)%n", run,
            seconds, cpu, entries / seconds, v.checkpointsChecked());
      }
      List<Double> sorted = times.stream().sorted().toList();
      double median = sorted.get(sorted.size() / 2);
      out.printf(Locale.ROOT, "  result       median %.2f s, best %.2f s for %,d entries (%,.0f entries/s median)%n",
          median, sorted.getFirst(), entries, entries / median);
      return LedgerCommands.VALID;
    } finally {
      if (!keep) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      } else {
        out.println("  kept         " + dir);
      }
    }
  }

  private static long generate(Path export, long entries, long every, SigningService signing) throws IOException {
    var random = new SplittableRandom(20261123);
    HexFormat hex = HexFormat.of();
    Instant start = Instant.parse("2026-11-01T01:00:00Z");
    String prev = LedgerHashing.GENESIS_HASH;
    long checkpoints = 0;
    try (OutputStream o = LedgerCommands.create(export.toString(), null)) {
      var writer = new LedgerExportWriter(o);
      writer.header(1, entries, Instant.now(), List.of(Signatures.toPem(signing.certificate("ledger-checkpoint"))));
      Instant at = start;
      for (long seq = 1; seq <= entries; seq++) {
        at = at.plus(Duration.ofNanos(random.nextLong(1_000_000L, 2_000_000_000L)).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        boolean allow = random.nextInt(10) != 0;
        byte[] pseudonym = new byte[32];
        random.nextBytes(pseudonym);
        var row = new LedgerHashing.Row(seq, uuid(random), at, uuid(random), AGENCIES[random.nextInt(AGENCIES.length)],
            UNITS[random.nextInt(UNITS.length)], "officer-" + String.format(Locale.ROOT, "%03d", random.nextInt(400)),
            DATASETS[random.nextInt(DATASETS.length)], uuid(random), 1 + random.nextInt(3),
            PURPOSES[random.nextInt(PURPOSES.length)], "Civil Registration Act B.E. 2534, section 14",
            "CASE-2569-" + String.format(Locale.ROOT, "%07d", seq), random.nextBoolean(), "citizen_id",
            hex.formatHex(pseudonym), allow ? "allow" : "deny", allow ? "[]" : DENY_REASONS, allow ? FIELDS : "[]",
            allow ? (long) random.nextInt(5, 120) : null, allow ? "served" : "denied", prev);
        String hash = LedgerHashing.hash(row);
        writer.entry(row, hash);
        if (seq % every == 0 || seq == entries) {
          Instant signedAt = LedgerHashing.truncate(at.plusMillis(500));
          DetachedSignature signature = signing.sign("ledger-checkpoint", LedgerCheckpoint.payload(seq, hash, signedAt));
          writer.checkpoint(new LedgerCheckpoint(seq, hash, signedAt, signature.keyId(), signature.algorithm(),
              Base64.getEncoder().encodeToString(signature.value())));
          checkpoints++;
        }
        prev = hash;
      }
      writer.end();
    }
    return checkpoints;
  }

  /** CPU time of the whole process (all threads, JIT and GC included): less sensitive than wall time to other load. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
