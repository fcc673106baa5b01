package org.gdxhub.ledger.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerVerification;
import org.gdxhub.security.Signatures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's command-line tools, run from the hub jar without starting the hub (no Spring
 * context, no web server): {@code ledger-verify}, {@code ledger-export}, {@code ledger-benchmark}.
 * Exit status: 0 valid / done, 1 invalid, 2 usage or I/O error.
 */
public final class LedgerCommands {

  public static final Set<String> NAMES = Set.of("ledger-verify", "ledger-export", "ledger-benchmark", "help", "--help");

  static final int VALID = 0;
  static final int INVALID = 1;
  static final int ERROR = 2;

  private static final String DEFAULT_JDBC_URL =
      "jdbc:h2:file:./data/db/gdx-hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  static final String USAGE = """
      Usage: java -jar gdx-hub-exec.jar [COMMAND] [OPTIONS]

      Without a command the hub starts (see README). Commands, which do not start the hub:

        ledger-verify     verify a ledger export offline: hashes, links, sequence, signed checkpoints
        ledger-export     write a range of the ledger from its database as an export
        ledger-benchmark  generate a large signed export and time its verification

      Run a command with --help for its options.
      """;

  static final String VERIFY_USAGE = """
      Usage: java -jar gdx-hub-exec.jar ledger-verify --export FILE [--certificate PEM] [--json]

      Verifies a ledger export (from GET /api/v1/ledger/export or ledger-export) without the hub:
      every entry's SHA-256 content hash and its link to the previous entry, the sequence without
      gaps, every checkpoint's hash and signature, and the export's trailer. Stops at the first
      problem and says where (entry seq) and what (content_hash, link, gap, checkpoint_mismatch,
      checkpoint_signature, unknown_key, truncated, format).

        --export FILE        the export (JSON lines; FILE.gz is read as gzip; - reads standard input)
        --certificate PEM    the hub's signing certificate (GET /api/v1/ledger/certificate), to
                             trust only checkpoints signed by it. Without it the certificates
                             inside the export are used: that proves the export is intact, not who signed it.
        --json               print the result as JSON

      Exit status: 0 valid, 1 invalid, 2 usage or I/O error.
      """;

  static final String EXPORT_USAGE = """
      Usage: java -jar gdx-hub-exec.jar ledger-export --out FILE [--from SEQ] [--to SEQ]
             [--jdbc-url URL] [--user USER] [--password PASSWORD]

      Writes ledger entries FROM..TO (default: all) with their signed checkpoints and signing
      certificates, read straight from the system of record, for ledger-verify. For a running
      hub use GET /api/v1/ledger/export instead (an H2 file database is locked while the hub runs).

        --out FILE           where to write (FILE.gz is written gzip-compressed; - is standard output)
        --from SEQ, --to SEQ the range (clipped to the chain)
        --jdbc-url URL       default: $SPRING_DATASOURCE_URL, else the embedded H2 file in ./data
        --user, --password   default: $SPRING_DATASOURCE_USERNAME / _PASSWORD, else sa / empty
      """;

  static final String BENCHMARK_USAGE = """
      Usage: java -jar gdx-hub-exec.jar ledger-benchmark [--entries N] [--checkpoint-every N] [--runs N] [--dir DIR] [--keep]

      Generates a synthetic, correctly hashed and signed export of N entries (default 1,000,000,
      a checkpoint every 1,000 entries, signed by a fresh EC P-256 key), then times ledger-verify's
      verification of it RUNS times (default 3). Prints the numbers for docs/benchmarks.md.

        --dir DIR   where to write the export and key (default: a temporary directory, deleted unless --keep)
      """;

  private LedgerCommands() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args[0];
    boolean help = List.of(args).contains("--help") || List.of(args).contains("-h");
    try {
      return switch (command) {
        case "ledger-verify" -> help ? usage(out, VERIFY_USAGE) : verify(args, out);
        case "ledger-export" -> help ? usage(out, EXPORT_USAGE) : export(args, out, err);
        case "ledger-benchmark" -> help ? usage(out, BENCHMARK_USAGE) : LedgerVerifyBenchmark.run(
            new CommandArguments(args, 1, Set.of("entries", "checkpoint-every", "runs", "dir"), Set.of("keep")), out);
        default -> usage(out, USAGE);
      };
    } catch (CommandArguments.UsageException e) {
      err.println(command + ": " + e.getMessage());
      err.println("Run with --help for the options.");
      return ERROR;
    } catch (NoSuchFileException e) {
      err.println(command + ": no such file: " + e.getFile());
      return ERROR;
    } catch (IOException | UncheckedIOException | HubException | SQLException e) {
      err.println(command + ": " + e.getMessage());
      return ERROR;
    }
  }

  private static int usage(PrintStream out, String text) {
    out.print(text);
    return VALID;
  }

  // --- ledger-verify ------------------------------------------------------------------------

  private static int verify(String[] args, PrintStream out) throws IOException {
    var a = new CommandArguments(args, 1, Set.of("export", "certificate"), Set.of("json"));
    String export = a.required("export");
    List<X509Certificate> trusted = a.value("certificate", null) == null ? List.of()
        : Signatures.fromPem(Files.readString(Path.of(a.value("certificate", null)), StandardCharsets.US_ASCII));
    long started = System.nanoTime();
    LedgerExportVerifier.Result result;
    try (InputStream in = open(export)) {
      result = LedgerExportVerifier.verify(in, trusted);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    LedgerVerification v = result.verification();
    if (a.flag("json")) {
      out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(
          new JsonReport(v, result.trustedKeyIds(), result.trustFromExport() ? "export" : "certificate", seconds)));
    } else {
      report(out, export, result, a.value("certificate", null), seconds);
    }
    return v.valid() ? VALID : INVALID;
  }

  record JsonReport(LedgerVerification verification, List<String> trustedKeyIds, String trustSource, double seconds) {}

  static void report(PrintStream out, String export, LedgerExportVerifier.Result result, String certificate,
      double seconds) {
    LedgerVerification v = result.verification();
    if (v.valid()) {
      out.println("ledger-verify: VALID");
    } else {
      LedgerVerification.Problem p = v.firstBroken();
      out.printf("ledger-verify: INVALID at entry %d%s: %s: %s%n", p.seq(), p.id() == null ? "" : " (id " + p.id() + ")",
          p.kind().code(), p.problem());
    }
    out.println("  export       " + export + (result.header() == null ? ""
        : " (" + result.header().format() + ", entries " + result.header().fromSeq() + ".." + result.header().toSeq()
            + ", exported " + result.header().exportedAt() + ")"));
    out.println("  entries      " + String.format(Locale.ROOT, "%,d", v.entriesChecked()) + " verified"
        + (v.firstSeq() == null ? "" : " (" + v.firstSeq() + ".." + v.lastSeq() + ")"));
    out.println("  checkpoints  " + String.format(Locale.ROOT, "%,d", v.checkpointsChecked()) + " verified"
        + (v.signedThroughSeq() == null ? "" : ", signed through entry " + v.signedThroughSeq()));
    if (v.valid()) {
      if (v.signedThroughSeq() == null && v.entriesChecked() > 0) {
        out.println("  note         no checkpoint in this range: the chain is intact, but no signature vouches for it");
      } else if (v.unsignedEntries() > 0) {
        out.println("  note         " + v.unsignedEntries() + " entries after the last checkpoint are chained but not yet signed");
      }
    }
    out.println("  trusted keys " + (result.trustedKeyIds().isEmpty() ? "none" : String.join(", ", result.trustedKeyIds()))
        + (result.trustFromExport() ? " (from the export itself)" : " (from " + certificate + ")"));
    if (result.trustFromExport() && v.checkpointsChecked() > 0) {
      out.println("  WARNING      signatures were checked against the export's own certificates: this proves the export is");
      out.println("               intact, not that the hub signed it; pass --certificate with the hub's published certificate");
    }
    out.printf(Locale.ROOT, "  time         %.2f s (%,.0f entries/s)%n", seconds,
        seconds > 0 ? v.entriesChecked() / seconds : 0.0);
  }

  // --- ledger-export ------------------------------------------------------------------------

  private static int export(String[] args, PrintStream out, PrintStream err) throws IOException, SQLException {
    var a = new CommandArguments(args, 1, Set.of("out", "from", "to", "jdbc-url", "user", "password"), Set.of());
    String target = a.required("out");
    String url = a.value("jdbc-url", env("SPRING_DATASOURCE_URL", DEFAULT_JDBC_URL));
    String user = a.value("user", env("SPRING_DATASOURCE_USERNAME", "sa"));
    String password = a.value("password", env("SPRING_DATASOURCE_PASSWORD", ""));
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.setReadOnly(true);
      JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
      var exporter = new LedgerExporter(new JdbcLedgerStore(jdbc), new JdbcCheckpointStore(jdbc));
      LedgerExporter.Range range = exporter.range(a.number("from", 1), a.number("to", Long.MAX_VALUE));
      long written;
      try (OutputStream o = create(target, out)) {
        written = exporter.export(range, o, Instant.now());
      }
      err.println("ledger-export: wrote " + written + " entries (" + range.fromSeq() + ".." + range.toSeq() + ") to " + target);
    }
    return VALID;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static InputStream open(String file) throws IOException {
    InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file));
    in = new BufferedInputStream(in, 1 << 16);
    return file.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  static OutputStream create(String file, PrintStream stdout) throws IOException {
    if ("-".equals(file)) {
      return new BufferedOutputStream(new NonClosing(stdout), 1 << 16);
    }
    OutputStream o = new BufferedOutputStream(Files.newOutputStream(Path.of(file)), 1 << 16);
    return file.endsWith(".gz") ? new GZIPOutputStream(o, 1 << 16) : o;
  }

  /** Standard output stays open after the export is written. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
