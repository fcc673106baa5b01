package org.gdxhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.gdxhub.ledger.LedgerTestSupport.MutableClock;
import org.gdxhub.ledger.internal.JdbcCheckpointStore;
import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.ledger.internal.LedgerCheckpointer;
import org.gdxhub.ledger.internal.LedgerHashing;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline verifier for real: an export of a ledger written by the real append path and
 * signed by the real checkpointer (H2 file database, local keystore), verified intact and then
 * tampered with the way a forger would: an edited entry, an edited entry with every hash
 * after it recomputed, a deleted entry, forged checkpoint signatures, a cut-off file. The
 * commands also run from the packaged jar, as an auditor would run them, without the hub.
 */
class LedgerVerifyCommandIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path dir;
  static String jdbcUrl;
  static Path export;
  static Path certificate;
  static List<String> lines;
  static SigningService forger;

  @BeforeAll
  static void writeASignedLedgerAndExportIt() throws IOException {
    jdbcUrl = "jdbc:h2:file:" + dir.resolve("db/gdx-hub") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    SigningService signing = SigningService.localKeystore(dir.resolve("keys.p12"), "test");
    var clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
    try (var ds = new HikariDataSource()) {
      ds.setJdbcUrl(jdbcUrl);
      ds.setUsername("sa");
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      var tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
      var store = new JdbcLedgerStore(jdbc);
      var ledger = new LedgerService(store, clock);
      var checkpointer = new LedgerCheckpointer(store, new JdbcCheckpointStore(jdbc), signing, tx, clock,
          new LedgerProperties.Checkpoint(true, 5, Duration.ofHours(1), "ledger-checkpoint"));
      var audit = new LedgerAuditService(store, new JdbcCheckpointStore(jdbc), checkpointer, clock);
      LedgerTestSupport.append(ledger, tx, 23);
      checkpointer.checkpointDue(); // 5, 10, 15, 20; 21..23 stay unsigned
      export = dir.resolve("export.jsonl");
      try (var out = Files.newOutputStream(export)) {
        audit.export(1, Long.MAX_VALUE, out);
      }
      certificate = dir.resolve("hub-certificate.pem");
      Files.writeString(certificate, audit.certificatePem());
    }
    lines = Files.readAllLines(export);
    forger = SigningService.localKeystore(dir.resolve("forger.p12"), "x");
  }

  @Test
  void anIntactExportIsValid() {
    Run r = verify(export, "--certificate", certificate.toString());
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).contains("ledger-verify: VALID", "23 verified (1..23)", "4 verified, signed through entry 20",
        "3 entries after the last checkpoint are chained but not yet signed").doesNotContain("WARNING");
  }

  @Test
  void anEditedEntryIsCaughtByItsContentHash() throws IOException {
    Path tampered = write("edited", edit(lines, 7, e -> e.put("purpose", "marketing")));
    Run r = verify(tampered, "--certificate", certificate.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("INVALID at entry 7 (id " + entry(lines, 7).get("id").asString() + "): content_hash");
  }

  @Test
  void anEditedEntryWithRecomputedHashesIsCaughtByTheNextCheckpoint() throws IOException {
    List<String> forged = edit(lines, 7, e -> e.put("purpose", "marketing"));
    String prev = entry(forged, 6).get("hash").asString();
    for (long seq = 7; seq <= 23; seq++) {
      String link = prev;
      forged = edit(forged, seq, e -> {
        e.put("prevHash", link);
        e.put("hash", LedgerHashing.hash(row(e)));
      });
      prev = entry(forged, seq).get("hash").asString();
    }
    Run r = verify(write("rehashed", forged), "--certificate", certificate.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("INVALID at entry 10: checkpoint_mismatch");
  }

  @Test
  void aDeletedEntryIsAGap() throws IOException {
    List<String> without = new ArrayList<>(lines);
    without.remove(lineOf(lines, 4));
    Run r = verify(write("deleted", without), "--certificate", certificate.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("INVALID at entry 4: gap: entry 4 is missing");
  }

  @Test
  void aForgedCheckpointSignatureIsCaught() throws IOException {
    // The forger keeps the hub's key id but cannot produce the hub's signature.
    List<String> forged = editCheckpoint(lines, 10, c -> {
      byte[] payload = LedgerCheckpoint.payload(10, c.get("entryHash").asString(), Instant.parse(c.get("signedAt").asString()));
      c.put("signature", Base64.getEncoder().encodeToString(forger.sign("ledger-checkpoint", payload).value()));
    });
    Run r = verify(write("forged-signature", forged), "--certificate", certificate.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("INVALID at entry 10: checkpoint_signature");
  }

  @Test
  void checkpointsResignedWithTheForgersOwnKeyAreRejectedByTheHubsCertificate() throws IOException {
    // The forger re-signs every checkpoint and ships their own certificate in the header.
    List<String> forged = new ArrayList<>(lines);
    ObjectNode header = (ObjectNode) JSON.readTree(forged.getFirst());
    header.putArray("certificates").add(Signatures.toPem(forger.certificate("ledger-checkpoint")));
    forged.set(0, JSON.writeValueAsString(header));
    for (long seq : List.of(5L, 10L, 15L, 20L)) {
      forged = editCheckpoint(forged, seq, c -> {
        byte[] payload = LedgerCheckpoint.payload(seq, c.get("entryHash").asString(), Instant.parse(c.get("signedAt").asString()));
        DetachedSignature s = forger.sign("ledger-checkpoint", payload);
        c.put("keyId", s.keyId());
        c.put("signature", Base64.getEncoder().encodeToString(s.value()));
      });
    }
    Path file = write("resigned", forged);

    Run trusted = verify(file, "--certificate", certificate.toString());
    assertThat(trusted.status()).isEqualTo(1);
    assertThat(trusted.out()).contains("INVALID at entry 5: unknown_key");

    // Without the hub's certificate the export is merely self-consistent, and the report says so.
    Run selfTrusted = verify(file);
    assertThat(selfTrusted.status()).isZero();
    assertThat(selfTrusted.out()).contains("VALID", "(from the export itself)", "WARNING");
  }

  @Test
  void aCutOffExportIsTruncated() throws IOException {
    Run r = verify(write("cut", lines.subList(0, lines.size() - 3)), "--certificate", certificate.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("truncated: the export has no end line: it was cut off after entry 21");
  }

  @Test
  void printsJsonOnRequest() {
    Run r = verify(export, "--certificate", certificate.toString(), "--json");
    assertThat(r.status()).isZero();
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.get("verification").get("valid").asBoolean()).isTrue();
    assertThat(json.get("verification").get("signedThroughSeq").asLong()).isEqualTo(20);
    assertThat(json.get("trustSource").asString()).isEqualTo("certificate");
  }

  @Test
  void explainsItsUsage() {
    Run help = run("ledger-verify", "--help");
    assertThat(help.status()).isZero();
    assertThat(help.out()).contains("--export FILE", "--certificate PEM", "Exit status");
    assertThat(run("ledger-verify").status()).isEqualTo(2);
    Run missing = run("ledger-verify", "--export", dir.resolve("nope.jsonl").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    assertThat(run("ledger-verify", "--export", "x", "--bogus").err()).contains("unknown option: --bogus");
  }

  @Test
  void thePackagedJarExportsAndVerifiesWithoutStartingTheHub() throws Exception {
    Path jar = Path.of("target", "gdx-hub-exec.jar");
    assertThat(jar).as("the packaged hub jar (failsafe runs after package)").exists();
    Path exported = dir.resolve("jar-export.jsonl.gz");
    Run exportRun = java(jar, "ledger-export", "--jdbc-url", jdbcUrl, "--user", "sa", "--out", exported.toString());
    assertThat(exportRun.status()).as(exportRun.out() + exportRun.err()).isZero();
    assertThat(exportRun.err()).contains("wrote 23 entries (1..23)");

    Run valid = java(jar, "ledger-verify", "--export", exported.toString(), "--certificate", certificate.toString());
    assertThat(valid.status()).as(valid.out() + valid.err()).isZero();
    assertThat(valid.out()).contains("ledger-verify: VALID", "23 verified");
    assertThat(valid.out() + valid.err()).doesNotContain("Spring Boot", "Tomcat", "Started GdxHubApplication");

    Run invalid = java(jar, "ledger-verify", "--export",
        write("jar-edited", edit(lines, 3, e -> e.put("caseRef", "CASE-forged"))).toString(),
        "--certificate", certificate.toString());
    assertThat(invalid.status()).isEqualTo(1);
    assertThat(invalid.out()).contains("INVALID at entry 3");
  }

  // --- helpers ------------------------------------------------------------------------------

  record Run(int status, String out, String err) {}

  static Run verify(Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("ledger-verify", "--export", file.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  static Run run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = LedgerCommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run java(Path jar, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  static Path write(String name, List<String> content) throws IOException {
    Path file = dir.resolve(name + ".jsonl");
    Files.write(file, content);
    return file;
  }

  static int lineOf(List<String> content, long seq) {
    for (int i = 0; i < content.size(); i++) {
      JsonNode node = JSON.readTree(content.get(i));
      if ("entry".equals(node.get("type").asString()) && node.get("seq").asLong() == seq) {
        return i;
      }
    }
    throw new IllegalArgumentException("no entry " + seq);
  }

  static ObjectNode entry(List<String> content, long seq) {
    return (ObjectNode) JSON.readTree(content.get(lineOf(content, seq)));
  }

  static List<String> edit(List<String> content, long seq, java.util.function.Consumer<ObjectNode> change) {
    List<String> copy = new ArrayList<>(content);
    ObjectNode node = entry(copy, seq);
    change.accept(node);
    copy.set(lineOf(copy, seq), JSON.writeValueAsString(node));
    return copy;
  }

  static List<String> editCheckpoint(List<String> content, long seq, java.util.function.Consumer<ObjectNode> change) {
    List<String> copy = new ArrayList<>(content);
    for (int i = 0; i < copy.size(); i++) {
      ObjectNode node = (ObjectNode) JSON.readTree(copy.get(i));
      if ("checkpoint".equals(node.get("type").asString()) && node.get("seq").asLong() == seq) {
        change.accept(node);
        copy.set(i, JSON.writeValueAsString(node));
        return copy;
      }
    }
    throw new IllegalArgumentException("no checkpoint " + seq);
  }

  static LedgerHashing.Row row(JsonNode e) {
    return new LedgerHashing.Row(e.get("seq").asLong(), text(e, "id"), Instant.parse(text(e, "recordedAt")),
        text(e, "requestId"), text(e, "agency"), text(e, "unit"), text(e, "officer"), text(e, "datasetId"),
        text(e, "agreementId"), e.get("agreementVersion").isNull() ? null : e.get("agreementVersion").asInt(),
        text(e, "purpose"), text(e, "legalBasis"), text(e, "caseRef"), e.get("cardPresent").asBoolean(),
        text(e, "subjectType"), text(e, "subjectPseudonym"), text(e, "decision"), text(e, "reasons"),
        text(e, "fieldsReleased"), e.get("connectorLatencyMs").isNull() ? null : e.get("connectorLatencyMs").asLong(),
        text(e, "outcome"), text(e, "prevHash"));
  }

  static String text(JsonNode e, String name) {
    JsonNode v = e.get(name);
    return v == null || v.isNull() ? null : v.asString();
  }
}
