package org.gdxhub.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.gdxhub.archive.internal.DocumentArchiver;
import org.gdxhub.archive.internal.FileSystemArchiveContent;
import org.gdxhub.archive.internal.JdbcArchiveStore;
import org.gdxhub.archive.internal.JdbcSignOffStore;
import org.gdxhub.archive.internal.PdfSigner;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.HubException;
import org.gdxhub.security.SigningService;
import org.gdxhub.security.SubjectPseudonymizer;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The archive's stores against a real system-of-record database (subclasses: H2, PostgreSQL)
 * and a real archive directory: metadata, lookups by hash and subject pseudonym, revocation,
 * retention (content deleted, hashes and metadata kept, verification still answers), signing
 * certificates and sign-offs.
 */
abstract class ArchiveStoreContract {

  static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
  static final String CITIZEN = "1005662330474";

  @TempDir
  Path dir;
  TestDatabase db;
  JdbcArchiveStore store;
  JdbcSignOffStore signOffs;
  FileSystemArchiveContent content;
  SubjectPseudonymizer pseudonymizer;
  ArchiveService archive;
  VerificationService verification;
  PdfSigner signer;

  protected abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    JdbcClient jdbc = JdbcClient.create(db.ds());
    store = new JdbcArchiveStore(jdbc);
    signOffs = new JdbcSignOffStore(jdbc);
    content = new FileSystemArchiveContent(dir.resolve("archive"));
    pseudonymizer = new SubjectPseudonymizer(new SecretKeySpec("test-key-test-key-test-key-32byt".getBytes(
        StandardCharsets.US_ASCII), "HmacSHA256"));
    signer = new PdfSigner(SigningService.localKeystore(dir.resolve("keys.p12"), "pw"), "archive-document");
    ArchiveProperties properties = Binder.get(new StandardEnvironment()).bindOrCreate("hub.archive",
        ArchiveProperties.class);
    archive = new ArchiveService(store, content, signer, pseudonymizer, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    verification = new VerificationService(store);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  ArchivedDocument extract(String subjectId, Instant created, Duration retention) {
    String id = UUID.randomUUID().toString();
    byte[] bytes = ("%PDF-1.7 fake extract " + id).getBytes(StandardCharsets.US_ASCII);
    var document = new ArchivedDocument(id, DocumentKind.EXTRACT, "GDX-EX 2569/" + id.substring(0, 8), "Civil record",
        created, "bangrak-district-office", "registration", "officer-001", "civil-record", UUID.randomUUID().toString(),
        UUID.randomUUID().toString(), "citizen_id", pseudonymizer.pseudonym("citizen_id", subjectId), null,
        DocumentArchiver.sha256(("content " + id).getBytes(StandardCharsets.US_ASCII)), DocumentArchiver.sha256(bytes),
        bytes.length, false, "key-1", created.plus(retention), null, null, null, null);
    content.write(id, created, FileSystemArchiveContent.Type.PDF, bytes);
    store.insert(document);
    return document;
  }

  @Test
  void keepsMetadataAndFindsDocumentsByIdHashAndSubjectPseudonym() {
    ArchivedDocument first = extract(CITIZEN, NOW.minusSeconds(60), Duration.ofDays(365));
    ArchivedDocument second = extract(CITIZEN, NOW, Duration.ofDays(365));
    extract("1622521780840", NOW, Duration.ofDays(365));

    assertThat(store.find(first.id())).contains(first);
    assertThat(store.findByFileHash(second.fileHash())).containsExactly(second);
    assertThat(store.extractsAbout(pseudonymizer.pseudonym("citizen_id", CITIZEN))).containsExactly(second, first);

    CallerIdentity committee = new CallerIdentity("governance-committee", "secretariat", "auditor-1",
        Set.of(ArchiveService.COMMITTEE));
    assertThat(archive.extractsAbout(committee, "citizen_id", CITIZEN)).extracting(ArchivedDocument::id)
        .containsExactly(second.id(), first.id());
    // The clear ID is nowhere in the metadata.
    assertThat(db.ds()).isNotNull();
    assertThat(JdbcClient.create(db.ds()).sql("select count(*) from archive_document where subject_pseudonym = ?"
        + " or reference like ? or title like ?").params(CITIZEN, "%" + CITIZEN + "%", "%" + CITIZEN + "%")
        .query(Long.class).single()).isZero();
    assertThatThrownBy(() -> archive.extractsAbout(new CallerIdentity("bangrak-district-office", "registration",
        "officer-001", Set.of()), "citizen_id", CITIZEN)).isInstanceOf(HubException.class)
        .hasFieldOrPropertyWithValue("errorCode", org.gdxhub.common.ErrorCode.ROLE_REQUIRED);
  }

  @Test
  void revokesOnce() {
    ArchivedDocument document = extract(CITIZEN, NOW, Duration.ofDays(365));
    assertThat(store.revoke(document.id(), NOW, "a/b/c", "issued in error")).isTrue();
    assertThat(store.revoke(document.id(), NOW, "a/b/c", "again")).isFalse();
    ArchivedDocument revoked = store.find(document.id()).orElseThrow();
    assertThat(revoked.revoked()).isTrue();
    assertThat(revoked.revocationReason()).isEqualTo("issued in error");
    assertThat(verification.verify(document.id(), document.contentHash()).status())
        .isEqualTo(Verification.Status.REVOKED);
  }

  @Test
  void retentionDeletesTheContentButKeepsHashesAndMetadata() throws Exception {
    ArchivedDocument old = extract(CITIZEN, NOW.minus(Duration.ofDays(400)), Duration.ofDays(365));
    ArchivedDocument recent = extract(CITIZEN, NOW.minus(Duration.ofDays(10)), Duration.ofDays(365));
    Path oldFile = dir.resolve("archive/2025/10/" + old.id() + ".pdf");
    assertThat(oldFile).exists();

    assertThat(archive.purgeExpired(NOW)).isEqualTo(1);
    assertThat(archive.purgeExpired(NOW)).isZero();

    assertThat(oldFile).doesNotExist();
    ArchivedDocument purged = store.find(old.id()).orElseThrow();
    assertThat(purged.contentDeletedAt()).isEqualTo(NOW);
    assertThat(purged.contentHash()).isEqualTo(old.contentHash());
    assertThat(purged.fileHash()).isEqualTo(old.fileHash());
    assertThat(purged.subjectPseudonym()).isEqualTo(old.subjectPseudonym());
    assertThat(purged.ledgerEntryId()).isEqualTo(old.ledgerEntryId());
    assertThat(archive.contentExists(recent)).isTrue();
    assertThat(store.find(recent.id()).orElseThrow().contentDeletedAt()).isNull();

    CallerIdentity committee = new CallerIdentity("governance-committee", "secretariat", "auditor-1",
        Set.of(ArchiveService.COMMITTEE));
    assertThatThrownBy(() -> archive.pdf(committee, old.id())).isInstanceOf(HubException.class)
        .hasFieldOrPropertyWithValue("errorCode", org.gdxhub.common.ErrorCode.CONTENT_DELETED);
    assertThat(archive.pdf(committee, recent.id())).isNotEmpty();
    // A copy someone kept still verifies by its hash.
    Verification v = verification.verify(old.id(), old.fileHash());
    assertThat(v.status()).isEqualTo(Verification.Status.VALID);
    assertThat(v.contentDeleted()).isTrue();
    assertThat(Files.list(dir.resolve("archive/2025/10"))).isEmpty();
  }

  @Test
  void remembersEverySigningCertificateOnce() {
    store.rememberSigningKey("key-1", "PEM-1", NOW);
    store.rememberSigningKey("key-1", "PEM-1", NOW.plusSeconds(1));
    store.rememberSigningKey("key-2", "PEM-2", NOW);
    assertThat(store.signingKey("key-1")).contains("PEM-1");
    assertThat(store.signingKey("key-3")).isEmpty();
  }

  @Test
  void listsReportsByMonth() {
    String id = UUID.randomUUID().toString();
    store.insert(new ArchivedDocument(id, DocumentKind.REPORT, "GDX-RP 2569/" + id.substring(0, 8), "report",
        NOW, null, null, "hub-scheduler", null, null, null, null, null, "2026-10", "c".repeat(64), "f".repeat(64), 10,
        true, "key-1", NOW.plus(Duration.ofDays(3650)), null, null, null, null));
    assertThat(store.reportExists("2026-10")).isTrue();
    assertThat(store.reportExists("2026-09")).isFalse();
    assertThat(store.reports("2026-10")).extracting(ArchivedDocument::id).containsExactly(id);
    assertThat(store.reports(null)).hasSize(1);
  }

  @Test
  void keepsOneSignOffPerUnitAndMonthWhichTheUnitHeadMayCorrect() {
    signOffs.save(new SignOff("bangrak-district-office", "registration", "2026-10", SignOffStatus.NO_ABNORMALITY, null,
        12, "head-1", NOW));
    signOffs.save(new SignOff("bangrak-district-office", "registration", "2026-10", SignOffStatus.FLAGGED,
        "officer-009 looked up 40 people at night", 12, "head-1", NOW.plusSeconds(5)));
    signOffs.save(new SignOff("bangrak-district-office", "revenue", "2026-10", SignOffStatus.NO_ABNORMALITY, null, 3,
        "head-2", NOW));
    assertThat(signOffs.find("bangrak-district-office", "registration", "2026-10").orElseThrow().status())
        .isEqualTo(SignOffStatus.FLAGGED);
    assertThat(signOffs.month("2026-10")).extracting(SignOff::unit).containsExactly("registration", "revenue");
    assertThat(signOffs.month("2026-09")).isEmpty();
  }
}
