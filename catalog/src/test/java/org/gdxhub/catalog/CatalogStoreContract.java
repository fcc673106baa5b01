package org.gdxhub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.gdxhub.catalog.internal.JdbcAgreementStore;
import org.gdxhub.catalog.internal.JdbcCatalogStore;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog's behaviour against a real system-of-record database. Subclasses supply the
 * database (H2, PostgreSQL); every test here must pass on each.
 */
abstract class CatalogStoreContract {

  static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
  static final CallerIdentity OWNER = new CallerIdentity("cro", "registration-bureau", "steward-1", Set.of());
  static final CallerIdentity CONSUMER = new CallerIdentity("district", "registration", "officer-1", Set.of());

  final List<Object> events = new java.util.ArrayList<>();
  TestDatabase db;
  CatalogService catalog;
  AgreementService agreements;
  JdbcAgreementStore agreementStore;

  protected abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    JdbcClient jdbc = JdbcClient.create(db.ds());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    catalog = new CatalogService(new JdbcCatalogStore(jdbc), clock, events::add);
    agreementStore = new JdbcAgreementStore(jdbc);
    agreements = new AgreementService(agreementStore, catalog, clock, events::add);
    catalog.registerAgency(new Agency("cro", "สำนักทะเบียนกลาง", "Central Registration Office", "Ministry of Interior",
        List.of(new Agency.AgencyUnit("registration-bureau", "สำนักบริหารการทะเบียน", "Registration Bureau"))));
    catalog.registerAgency(new Agency("district", "สำนักงานเขต", "District Office", null,
        List.of(new Agency.AgencyUnit("registration", "ฝ่ายทะเบียน", "Registration"),
            new Agency.AgencyUnit("revenue", "ฝ่ายรายได้", "Revenue"))));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  static RegisterDataset civilRecord(String connector) {
    return new RegisterDataset("civil-record", "ทะเบียนราษฎร", "Civil record", "by citizen ID", Classification.PERSONAL,
        "Civil Registration Act", connector, List.of(
            new DatasetField("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", true, false),
            new DatasetField("first_name_th", "ชื่อ", "First name", true, false),
            new DatasetField("face_image", "ภาพใบหน้า", "Face image", true, true)));
  }

  @Test
  void agenciesKeepTheirUnitsAndThaiNames() {
    Agency district = catalog.agency("district").orElseThrow();
    assertThat(district.nameTh()).isEqualTo("สำนักงานเขต");
    assertThat(district.units()).extracting(Agency.AgencyUnit::code).containsExactly("registration", "revenue");
    assertThat(catalog.agencies()).extracting(Agency::code).containsExactly("cro", "district");
  }

  @Test
  void registeredDatasetStartsAsDraftOwnedByTheCallersAgencyWithItsFieldsInOrder() {
    Dataset d = catalog.register(OWNER, civilRecord("population-registry.civil-record"));
    assertThat(d.status()).isEqualTo(DatasetStatus.DRAFT);
    assertThat(d.ownerAgency()).isEqualTo("cro");
    Dataset stored = catalog.dataset("civil-record").orElseThrow();
    assertThat(stored.fieldNames()).containsExactly("citizen_id", "first_name_th", "face_image");
    assertThat(stored.fields().get(2).biometric()).isTrue();
    assertThat(stored.titleTh()).isEqualTo("ทะเบียนราษฎร");
    assertThat(stored.createdAt()).isEqualTo(NOW);
    assertThat(stored.classification()).isEqualTo(Classification.PERSONAL);
  }

  @Test
  void publishAndRetireMoveTheStatusAndBumpTheVersion() {
    catalog.register(OWNER, civilRecord("population-registry.civil-record"));
    Dataset published = catalog.publish(OWNER, "civil-record");
    assertThat(published.status()).isEqualTo(DatasetStatus.PUBLISHED);
    assertThat(published.version()).isEqualTo(2);
    assertThat(catalog.datasets(DatasetStatus.PUBLISHED, null)).hasSize(1);
    assertThat(catalog.datasets(DatasetStatus.DRAFT, null)).isEmpty();
    assertThat(catalog.datasets(null, "district")).isEmpty();
    assertThat(catalog.retire(OWNER, "civil-record").status()).isEqualTo(DatasetStatus.RETIRED);
    assertThatThrownBy(() -> catalog.publish(OWNER, "civil-record"))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
  }

  @Test
  void theOwnerEditsTitlesAndFieldsOfADraftOrPublishedDatasetUnderOptimisticLocking() {
    catalog.register(OWNER, civilRecord("population-registry.civil-record"));
    RegisterDataset change = new RegisterDataset("civil-record", "ทะเบียนราษฎร (ฉบับแก้ไข)", "Civil record, edited",
        "by citizen ID", Classification.PERSONAL, "Civil Registration Act", "population-registry.civil-record",
        List.of(new DatasetField("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", true, false),
            new DatasetField("address", "ที่อยู่", "Address", true, false)));
    Dataset edited = catalog.edit(OWNER, "civil-record", 1, change);
    assertThat(edited.version()).isEqualTo(2);
    assertThat(edited.status()).isEqualTo(DatasetStatus.DRAFT);
    assertThat(edited.titleTh()).isEqualTo("ทะเบียนราษฎร (ฉบับแก้ไข)");
    assertThat(edited.fieldNames()).containsExactly("citizen_id", "address");
    assertThat(edited.createdAt()).isEqualTo(NOW);
    // A second edit from the stale version 1 loses: no lost update.
    assertThatThrownBy(() -> catalog.edit(OWNER, "civil-record", 1, civilRecord("c")))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VERSION_CONFLICT));
    assertThat(catalog.dataset("civil-record").orElseThrow().fieldNames()).containsExactly("citizen_id", "address");
    assertThatThrownBy(() -> catalog.edit(CONSUMER, "civil-record", 2, change))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_DATASET_OWNER));
    catalog.publish(OWNER, "civil-record");
    assertThat(catalog.edit(OWNER, "civil-record", 3, civilRecord("population-registry.civil-record")).status())
        .isEqualTo(DatasetStatus.PUBLISHED);
    catalog.retire(OWNER, "civil-record");
    assertThatThrownBy(() -> catalog.edit(OWNER, "civil-record", 5, change))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
    assertThat(events).filteredOn(DatasetChanged.class::isInstance).map(e -> ((DatasetChanged) e).change())
        .containsExactly("registered", "edited", "published", "edited", "retired");
  }

  @Test
  void onlyTheOwnerMayPublish() {
    catalog.register(OWNER, civilRecord("population-registry.civil-record"));
    assertThatThrownBy(() -> catalog.publish(CONSUMER, "civil-record"))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_DATASET_OWNER));
  }

  @Test
  void aDatasetWithoutConnectorCannotBePublished() {
    catalog.register(OWNER, civilRecord(null));
    assertThatThrownBy(() -> catalog.publish(OWNER, "civil-record"))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
  }

  @Test
  void duplicateDatasetIsRejected() {
    catalog.register(OWNER, civilRecord("c"));
    assertThatThrownBy(() -> catalog.register(OWNER, civilRecord("c")))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
  }

  @Test
  void approvedRequestBecomesVersionOneOfAnAgreementWithItsListsAndDates() {
    catalog.register(OWNER, civilRecord("c"));
    catalog.publish(OWNER, "civil-record");
    AccessRequest request = agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "welfare", "Civil Registration Act", List.of("citizen_id", "first_name_th"), true));
    assertThat(request.status()).isEqualTo(AccessRequestStatus.PENDING);
    assertThat(request.consumerUnit()).isEqualTo("registration");

    Agreement agreement = agreements.approve(OWNER, request.id(),
        new ApproveAccess(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), List.of("citizen_id"), true, 500));

    Agreement stored = agreements.agreement(agreement.id()).orElseThrow();
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.fields()).containsExactly("citizen_id");
    assertThat(stored.purposes()).containsExactly("welfare");
    assertThat(stored.legalBases()).containsExactly("Civil Registration Act");
    assertThat(stored.units()).containsExactly("registration");
    assertThat(stored.validFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(stored.validUntil()).isEqualTo(LocalDate.of(2027, 12, 31));
    assertThat(stored.onlineAccess()).isTrue();
    assertThat(stored.dailyQuota()).isEqualTo(500);
    assertThat(stored.purposeFields()).containsExactly(java.util.Map.entry("welfare", List.of("citizen_id")));
    assertThat(events).contains(new AgreementChanged(agreement, "approved"));
    assertThat(stored.approvedAt()).isEqualTo(NOW);
    assertThat(agreements.revisions(agreement.id())).containsExactly(1);
    AccessRequest decided = agreements.accessRequest(request.id()).orElseThrow();
    assertThat(decided.status()).isEqualTo(AccessRequestStatus.APPROVED);
    assertThat(decided.agreementId()).isEqualTo(agreement.id());
  }

  @Test
  void amendmentsMakeNewVersionsAndStaleOnesAreRefused() {
    catalog.register(OWNER, civilRecord("c"));
    catalog.publish(OWNER, "civil-record");
    AccessRequest request = agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "welfare", "Act", List.of("citizen_id", "first_name_th"), false));
    Agreement v1 = agreements.approve(OWNER, request.id(),
        new ApproveAccess(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, false, null));

    Agreement v2 = agreements.amend(OWNER, v1.id(), 1,
        new AmendAgreement("tax", List.of("citizen_id"), "Revenue Code", null, true, 100));
    assertThat(v2.version()).isEqualTo(2);
    Agreement stored = agreements.agreement(v1.id()).orElseThrow();
    assertThat(stored.purposes()).containsExactly("welfare", "tax");
    assertThat(stored.purposeFields()).containsEntry("tax", List.of("citizen_id"))
        .containsEntry("welfare", List.of("citizen_id", "first_name_th"));
    assertThat(stored.legalBases()).containsExactly("Act", "Revenue Code");
    assertThat(stored.onlineAccess()).isTrue();
    assertThat(stored.dailyQuota()).isEqualTo(100);
    assertThat(agreements.revisions(v1.id())).containsExactly(1, 2);

    assertThatThrownBy(() -> agreements.amend(OWNER, v1.id(), 1, new AmendAgreement(null, null, null, null, false, null)))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VERSION_CONFLICT));
    assertThatThrownBy(() -> agreements.amend(OWNER, v1.id(), 2, new AmendAgreement("x", List.of("gender"), null, null, null, null)))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
    assertThatThrownBy(() -> agreements.amend(CONSUMER, v1.id(), 2, new AmendAgreement(null, null, null, null, false, null)))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_DATASET_OWNER));

    Agreement suspended = agreements.changeStatus(OWNER, v1.id(), 2, AgreementStatus.SUSPENDED);
    assertThat(suspended.status()).isEqualTo(AgreementStatus.SUSPENDED);
    Agreement revoked = agreements.changeStatus(OWNER, v1.id(), 3, AgreementStatus.REVOKED);
    assertThat(revoked.version()).isEqualTo(4);
    assertThatThrownBy(() -> agreements.changeStatus(OWNER, v1.id(), 4, AgreementStatus.APPROVED))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
    assertThat(events).filteredOn(AgreementChanged.class::isInstance).extracting(e -> ((AgreementChanged) e).change())
        .containsExactly("approved", "amended", "suspended", "revoked");
  }

  @Test
  void concurrentAmendmentsOfOneVersionLoseNoUpdate() throws Exception {
    catalog.register(OWNER, civilRecord("c"));
    catalog.publish(OWNER, "civil-record");
    AccessRequest request = agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "welfare", "Act", List.of("citizen_id"), false));
    Agreement v1 = agreements.approve(OWNER, request.id(),
        new ApproveAccess(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, false, null));
    var winners = new java.util.concurrent.atomic.AtomicInteger();
    var conflicts = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String purpose = "purpose-" + i;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          agreements.amend(OWNER, v1.id(), 1, new AmendAgreement(purpose, null, null, null, null, null));
          winners.incrementAndGet();
        } catch (HubException e) {
          if (e.errorCode() == ErrorCode.VERSION_CONFLICT) {
            conflicts.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(winners).hasValue(1);
    assertThat(conflicts).hasValue(7);
    Agreement stored = agreements.agreement(v1.id()).orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.purposes()).hasSize(2);
  }

  @Test
  void rejectionKeepsTheReasonAndCannotBeDecidedTwice() {
    catalog.register(OWNER, civilRecord("c"));
    catalog.publish(OWNER, "civil-record");
    AccessRequest request = agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "marketing", "none", List.of("citizen_id"), false));
    AccessRequest rejected = agreements.reject(OWNER, request.id(), "commercial use is barred");
    assertThat(rejected.status()).isEqualTo(AccessRequestStatus.REJECTED);
    assertThat(rejected.decisionReason()).isEqualTo("commercial use is barred");
    assertThatThrownBy(() -> agreements.approve(OWNER, request.id(),
        new ApproveAccess(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), null, false, null)))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
  }

  @Test
  void requestForUnknownFieldIsRejected() {
    catalog.register(OWNER, civilRecord("c"));
    catalog.publish(OWNER, "civil-record");
    assertThatThrownBy(() -> agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "welfare", "Act", List.of("salary"), false)))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }

  @Test
  void lookupUsesTheActiveAgreementElseTheMostRecentOne() {
    catalog.register(OWNER, civilRecord("c"));
    catalog.publish(OWNER, "civil-record");
    AccessRequest first = agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "welfare", "Act", List.of("citizen_id"), false));
    Agreement expired = agreements.approve(OWNER, first.id(),
        new ApproveAccess(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, false, null));
    assertThat(agreements.agreementForLookup("district", "civil-record", LocalDate.of(2026, 11, 23)))
        .get().extracting(Agreement::id).isEqualTo(expired.id());

    AccessRequest second = agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "welfare", "Act", List.of("citizen_id"), false));
    Agreement active = agreements.approve(OWNER, second.id(),
        new ApproveAccess(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, false, null));
    assertThat(agreements.agreementForLookup("district", "civil-record", LocalDate.of(2026, 11, 23)))
        .get().extracting(Agreement::id).isEqualTo(active.id());
    assertThat(agreements.agreementForLookup("cro", "civil-record", LocalDate.of(2026, 11, 23))).isEmpty();
  }

  // --- the lookup path's in-memory catalog (ADR 0017) -------------------------------------

  CatalogSnapshotService snapshots(JdbcClient jdbc) {
    return new CatalogSnapshotService(new JdbcCatalogStore(jdbc), new JdbcAgreementStore(jdbc),
        new CatalogProperties(new CatalogProperties.Cache(true, 10_000)));
  }

  Agreement publishedDatasetWithAgreement() {
    catalog.register(OWNER, civilRecord("c"));
    catalog.publish(OWNER, "civil-record");
    AccessRequest request = agreements.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "welfare", "Act", List.of("citizen_id"), false));
    return agreements.approve(OWNER, request.id(),
        new ApproveAccess(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, false, null));
  }

  @Test
  void aSnapshotAnswersFromMemoryUntilAnotherInstanceCommitsAChange() {
    Agreement v1 = publishedDatasetWithAgreement();
    LocalDate day = LocalDate.of(2026, 11, 23);
    // Instance A reads through the snapshots; instance B is a second hub: its own services on its
    // own connections to the same database, and no event ever reaches A.
    CatalogSnapshotService instanceA = snapshots(JdbcClient.create(db.ds()));
    var otherConnections = new org.springframework.jdbc.datasource.DriverManagerDataSource(db.jdbcUrl(), db.username(), "");
    JdbcClient jdbcB = JdbcClient.create(otherConnections);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    CatalogService catalogB = new CatalogService(new JdbcCatalogStore(jdbcB), clock, e -> {});
    AgreementService agreementsB = new AgreementService(new JdbcAgreementStore(jdbcB), catalogB, clock, e -> {});

    CatalogSnapshot first = instanceA.current();
    Dataset dataset = first.dataset("civil-record").orElseThrow();
    Agreement agreement = first.agreementForLookup("district", "civil-record", day).orElseThrow();
    assertThat(agreement).isEqualTo(v1);
    assertThat(first.agreement(v1.id())).contains(v1);
    // Unchanged catalog: the same snapshot and the same objects, not a second read of the rows.
    // (A row edited behind the stores' back, without raising the counter, is not noticed: the
    // stores are the only writers, and each raises the counter with its change.)
    JdbcClient.create(db.ds()).sql("update dataset set title_en = 'edited behind the stores' where id = 'civil-record'")
        .update();
    CatalogSnapshot again = instanceA.current();
    assertThat(again).isSameAs(first);
    assertThat(again.dataset("civil-record").orElseThrow()).isSameAs(dataset);
    assertThat(again.agreementForLookup("district", "civil-record", day).orElseThrow()).isSameAs(agreement);

    // B suspends: A's next read sees version 2, suspended.
    agreementsB.changeStatus(OWNER, v1.id(), 1, AgreementStatus.SUSPENDED);
    CatalogSnapshot afterSuspend = instanceA.current();
    assertThat(afterSuspend.revision()).isGreaterThan(first.revision());
    assertThat(afterSuspend.agreementForLookup("district", "civil-record", day).orElseThrow())
        .extracting(Agreement::version, Agreement::status).containsExactly(2, AgreementStatus.SUSPENDED);
    assertThat(afterSuspend.agreement(v1.id()).orElseThrow().version()).isEqualTo(2);
    assertThat(afterSuspend.dataset("civil-record").orElseThrow().titleEn()).isEqualTo("edited behind the stores");

    // B amends and reinstates: version 4, approved, with the new purpose.
    agreementsB.amend(OWNER, v1.id(), 2, new AmendAgreement("tax", List.of("citizen_id"), null, null, null, null));
    agreementsB.changeStatus(OWNER, v1.id(), 3, AgreementStatus.APPROVED);
    Agreement v4 = instanceA.current().agreementForLookup("district", "civil-record", day).orElseThrow();
    assertThat(v4.version()).isEqualTo(4);
    assertThat(v4.status()).isEqualTo(AgreementStatus.APPROVED);
    assertThat(v4.purposes()).containsExactly("welfare", "tax");

    // B approves a second agreement: A's cached list for (district, civil-record) is not reused.
    AccessRequest second = agreementsB.requestAccess(CONSUMER,
        new RequestAccess("civil-record", "audit", "Act", List.of("citizen_id"), false));
    Agreement newer = agreementsB.approve(OWNER, second.id(),
        new ApproveAccess(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, false, null));
    assertThat(instanceA.current().agreement(newer.id())).contains(newer);
    agreementsB.changeStatus(OWNER, v1.id(), 4, AgreementStatus.REVOKED);
    assertThat(instanceA.current().agreementForLookup("district", "civil-record", day)).contains(newer);

    // B edits, then retires the dataset: A sees each.
    var edited = new RegisterDataset("civil-record", "ทะเบียนราษฎร", "Civil record v2", "by citizen ID",
        Classification.PERSONAL, "Civil Registration Act", "c",
        List.of(new DatasetField("citizen_id", "เลขประจำตัวประชาชน", "Citizen ID", true, false)));
    int version = catalogB.dataset("civil-record").orElseThrow().version();
    catalogB.edit(OWNER, "civil-record", version, edited);
    Dataset afterEdit = instanceA.current().dataset("civil-record").orElseThrow();
    assertThat(afterEdit.titleEn()).isEqualTo("Civil record v2");
    assertThat(afterEdit.fieldNames()).containsExactly("citizen_id");
    catalogB.retire(OWNER, "civil-record");
    assertThat(instanceA.current().dataset("civil-record").orElseThrow().status()).isEqualTo(DatasetStatus.RETIRED);
  }

  @Test
  void everyCommittedCatalogChangeRaisesTheRevisionAndARolledBackOneDoesNot() {
    JdbcCatalogStore store = new JdbcCatalogStore(JdbcClient.create(db.ds()));
    long start = store.revision();
    Agreement v1 = publishedDatasetWithAgreement();
    // register, publish, approve (requesting access changes no catalog row)
    assertThat(store.revision()).isEqualTo(start + 3);

    var transactions = new org.springframework.transaction.support.TransactionTemplate(
        new org.springframework.jdbc.datasource.DataSourceTransactionManager(db.ds()));
    CatalogSnapshotService snapshots = snapshots(JdbcClient.create(db.ds()));
    transactions.executeWithoutResult(tx -> {
      agreements.changeStatus(OWNER, v1.id(), 1, AgreementStatus.SUSPENDED);
      // Inside a write transaction nothing is remembered: it could be this transaction's own,
      // uncommitted state.
      assertThat(snapshots.current().revision()).isEqualTo(-1);
      tx.setRollbackOnly();
    });
    assertThat(store.revision()).isEqualTo(start + 3);
    assertThat(snapshots.current().agreement(v1.id()).orElseThrow().status()).isEqualTo(AgreementStatus.APPROVED);
    assertThat(snapshots.current().revision()).isEqualTo(start + 3);
  }
}
