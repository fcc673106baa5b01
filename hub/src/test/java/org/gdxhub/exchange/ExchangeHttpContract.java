package org.gdxhub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.DemoSources;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.security.TokenIssuer;
import org.gdxhub.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole exchange path over HTTP on a running hub (random port): catalog, access requests,
 * policy, connector, ledger. Subclasses choose the system of record (H2 file, PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ExchangeHttpContract {

  static final String CONSUMER = DemoData.CONSUMER;
  static final String OWNER = DemoData.OWNER;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  DataSource dataSource;
  @Autowired
  DemoSources demoSources;
  @Autowired
  TokenIssuer issuer;

  final HttpClient http = HttpClient.newHttpClient();
  String citizen;

  static void embeddedDefaults(DynamicPropertyRegistry properties) throws IOException {
    Path dataDir = Files.createTempDirectory("gdx-hub-it-");
    properties.add("hub.data-dir", dataDir::toString);
    // The demo owner systems get free ports from testsupport.FreeDemoPortsContextCustomizerFactory.
  }


  @BeforeEach
  void pickACitizen() {
    citizen = registry.sampleCitizenIds(1).getFirst();
  }

  // --- the demo agreement: served lookups -------------------------------------------------

  @Test
  void servesOnlyTheGrantedFieldsAndLedgersTheExchange() {
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE, "caseRef", "BR-2569-0001", "cardPresent", true));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(fieldNames(r.body().get("record"))).containsExactlyElementsOf(DemoData.GRANTED_FIELDS);
    assertThat(r.body().get("record").get("citizen_id").asString()).isEqualTo(citizen);
    assertThat(r.body().get("record").has("face_image")).isFalse();
    assertThat(r.body().get("record").has("gender")).isFalse();

    JsonNode entry = ledgerEntry(r.body().get("ledgerEntryId").asString());
    assertThat(entry.get("exchange").get("decision").asString()).isEqualTo("allow");
    assertThat(entry.get("exchange").get("outcome").asString()).isEqualTo("served");
    assertThat(entry.get("exchange").get("caseRef").asString()).isEqualTo("BR-2569-0001");
    assertThat(entry.get("exchange").get("subjectPseudonym").asString()).hasSize(64).doesNotContain(citizen);
    assertThat(entry.toString()).doesNotContain(citizen);
  }

  @Test
  void servesJustTheRequestedFields() {
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE, "fields", List.of("first_name_th", "birth_date")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(fieldNames(r.body().get("record"))).containsExactly("first_name_th", "birth_date");
  }

  @Test
  void servesOnlyTheFieldsTheStatedPurposeNeeds() {
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.TAX_PURPOSE));
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    assertThat(fieldNames(r.body().get("record"))).containsExactly("citizen_id", "first_name_th", "last_name_th",
        "address");
    assertDenied(lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.TAX_PURPOSE, "fields", List.of("birth_date"))), 403, "access_denied",
        "field_not_needed_for_purpose");
  }

  @Test
  void overLongValuesAreALedgeredBadRequestNotALedgerFailure() {
    // Found by Schemathesis (issue #10): a 500-character subjectType did not fit the ledger's column,
    // so the refusal could not be ledgered and the caller got 503 ledger_unavailable.
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE, "subjectType", "x".repeat(500), "caseRef", "c".repeat(5000)));
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.body().get("code").asString()).isEqualTo("invalid_request");
    assertThat(ledgerEntry(r.body().get("ledgerEntryId").asString()).get("exchange").get("outcome").asString())
        .isEqualTo("invalid_request");
    Response unknown = lookup(CONSUMER, "registration", "d".repeat(300), Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE));
    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(404);
    assertThat(unknown.body().has("ledgerEntryId")).isTrue();
  }

  // --- the datasets of the demo source systems: one served lookup each ----------------------

  @Test
  void servesAHouseRegistrationWithItsMembersFromTheRegistryDatabase() {
    JsonNode record = servedRecord(DemoData.HOUSE_REGISTRATION, citizen);
    assertThat(record.get("citizen_id").asString()).isEqualTo(citizen);
    List<String> members = new ArrayList<>();
    record.get("members").forEach(m -> members.add(m.get("citizen_id").asString()));
    assertThat(members).contains(citizen, record.get("head_citizen_id").asString());
  }

  @Test
  void servesAMoveHistoryFromTheRegistryDatabase() {
    JsonNode record = servedRecord(DemoData.MOVE_HISTORY, citizen);
    assertThat(record.get("moves").size()).isPositive();
    assertThat(record.get("moves").get(record.get("moves").size() - 1).get("house_id").asString())
        .isEqualTo(record.get("current_house_id").asString());
  }

  @Test
  void servesACompanyCertificateFromTheBusinessRegistrysJsonApi() {
    String company = demoSources.juristicIds().getFirst();
    JsonNode record = servedRecord(DemoData.COMPANY_CERTIFICATE, company);
    assertThat(record.get("juristic_id").asString()).isEqualTo(company);
    assertThat(record.get("directors").get(0).get("name_th").asString()).isNotBlank();
    assertThat(record.get("registered_capital").asLong()).isPositive();
  }

  @Test
  void servesAShareholderListFromTheBusinessRegistrysJsonApi() {
    String company = demoSources.juristicIds().getFirst();
    JsonNode record = servedRecord(DemoData.SHAREHOLDER_LIST, company);
    long sum = 0;
    for (JsonNode holder : record.get("shareholders")) {
      sum += holder.get("shares").asLong();
    }
    assertThat(sum).isEqualTo(record.get("total_shares").asLong());
  }

  @Test
  void servesAVatRegistrationFromTheRevenueDepartmentsSoapService() {
    String owner = demoSources.vatRegisteredIds().getFirst();
    JsonNode record = servedRecord(DemoData.VAT_REGISTRATION, owner);
    assertThat(record.get("tax_id").asString()).isEqualTo(owner);
    assertThat(record.get("branches").get(0).get("branch_no").asString()).isEqualTo("00000");
  }

  /** Looks the subject up under the demo agreement, checks it was served and ledgered, returns the record. */
  private JsonNode servedRecord(DemoData.DemoDataset dataset, String subject) {
    Response r = lookup(CONSUMER, "registration", dataset.id(), Map.of("subjectId", subject,
        "subjectType", SubjectId.isValidThirteenDigit(subject) && subject.startsWith("0") ? "juristic_id" : "citizen_id",
        "purpose", dataset.purpose(), "caseRef", "BR-2569-0100"));
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    // Only granted fields, in the dataset's order; a field the source leaves empty (a company's trade name) is absent.
    List<String> names = fieldNames(r.body().get("record"));
    assertThat(names).containsExactlyElementsOf(dataset.grantedFields().stream().filter(names::contains).toList())
        .hasSizeGreaterThanOrEqualTo(dataset.grantedFields().size() - 1);
    JsonNode entry = ledgerEntry(r.body().get("ledgerEntryId").asString());
    assertThat(entry.get("exchange").get("outcome").asString()).isEqualTo("served");
    assertThat(entry.get("exchange").get("datasetId").asString()).isEqualTo(dataset.id());
    assertThat(entry.get("exchange").get("connectorLatencyMs").asLong()).isNotNegative();
    assertThat(entry.toString()).doesNotContain(subject);
    return r.body().get("record");
  }

  // --- denials by policy -------------------------------------------------------------------

  @Test
  void deniesACitizenLookupWithoutTheCardUnlessTheAgreementGrantsOnlineAccess() {
    assertDenied(lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE, "cardPresent", false)), 403, "access_denied", "card_not_present");
    String agency = "online-office-" + port;
    registerAgency(agency);
    String agreement = requestAndApprove(agency, "registration", DemoData.DATASET, false, today().minusDays(1),
        today().plusDays(30));
    assertDenied(lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "tax",
        "cardPresent", false)), 403, "access_denied", "card_not_present");
    Response amended = post("/api/v1/agreements/" + agreement + "/amend?version=1", ownerHeaders(),
        Map.of("onlineAccess", true));
    assertThat(amended.status()).as(amended.raw()).isEqualTo(200);
    assertThat(lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "tax",
        "cardPresent", false)).status()).isEqualTo(200);
  }

  @Test
  void deniesPersonalDataWithoutACaseReference() {
    assertDenied(lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE, "caseRef", "")), 403, "access_denied", "case_ref_required");
  }

  @Test
  void amendmentsTakeEffectAtOnceAndStaleOnesConflict() {
    String agency = "amend-office-" + port;
    registerAgency(agency);
    String agreement = requestAndApprove(agency, "registration", DemoData.DATASET, false, today().minusDays(1),
        today().plusDays(30));
    assertDenied(lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", "building-permit")), 403, "access_denied", "purpose_not_in_agreement");
    Response amended = post("/api/v1/agreements/" + agreement + "/amend?version=1", ownerHeaders(),
        Map.of("addPurpose", "building-permit", "purposeFields", List.of("citizen_id")));
    assertThat(amended.status()).as(amended.raw()).isEqualTo(200);
    assertThat(amended.body().get("version").asInt()).isEqualTo(2);
    Response served = lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", "building-permit"));
    assertThat(served.status()).as(served.raw()).isEqualTo(200);
    assertThat(fieldNames(served.body().get("record"))).containsExactly("citizen_id");

    Response stale = post("/api/v1/agreements/" + agreement + "/amend?version=1", ownerHeaders(),
        Map.of("addPurpose", "other"));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body().get("code").asString()).isEqualTo("version_conflict");

    assertThat(post("/api/v1/agreements/" + agreement + "/suspend?version=2", ownerHeaders(), null).status())
        .isEqualTo(200);
    assertDenied(lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", "building-permit")), 403, "access_denied", "agreement_not_approved");
  }

  @Test
  void deniesOnceTheDailyQuotaIsUsedUp() {
    String agency = "quota-office-" + port;
    registerAgency(agency);
    Response request = post("/api/v1/access-requests", headers(agency, "registration"), Map.of("datasetId",
        DemoData.DATASET, "purpose", "tax", "legalBasis", "Revenue Code s. 3", "fields", List.of("citizen_id")));
    Response approved = post("/api/v1/access-requests/" + request.body().get("id").asString() + "/approve",
        ownerHeaders(), Map.of("validFrom", today().minusDays(1).toString(), "validUntil",
            today().plusDays(30).toString(), "dailyQuota", 2));
    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    for (int i = 0; i < 2; i++) {
      assertThat(lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "tax"))
          .status()).isEqualTo(200);
    }
    assertDenied(lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "tax")),
        403, "access_denied", "quota_exceeded");
  }

  @Test
  void deniesAFieldTheAgreementDoesNotGrant() {
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE, "fields", List.of("citizen_id", "face_image")));
    assertDenied(r, 403, "access_denied", "field_not_granted");
    assertThat(r.body().has("record")).isFalse();
  }

  @Test
  void deniesAPurposeOutsideTheAgreement() {
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", "debt-collection"));
    assertDenied(r, 403, "access_denied", "purpose_not_in_agreement");
  }

  @Test
  void deniesAgencyWithoutAgreement() {
    Response r = lookup(OWNER, "registration-bureau", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE));
    assertDenied(r, 403, "access_denied", "no_agreement");
  }

  @Test
  void deniesAgreementOfAnotherAgency() {
    String demoAgreement = agreementOf(CONSUMER);
    registerAgency("land-office-" + port);
    Response r = lookup("land-office-" + port, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE, "agreementId", demoAgreement));
    assertDenied(r, 403, "access_denied", "agency_mismatch");
  }

  @Test
  void deniesExpiredAgreementAndUnitOutsideAgreement() {
    String agency = "revenue-office-" + port;
    registerAgency(agency);
    String expired = requestAndApprove(agency, "registration", DemoData.DATASET, false,
        LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31));
    Response r = lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "tax"));
    assertDenied(r, 403, "access_denied", "agreement_expired");
    assertThat(ledgerEntry(r.body().get("ledgerEntryId").asString()).get("exchange").get("agreementId").asString())
        .isEqualTo(expired);

    requestAndApprove(agency, "registration", DemoData.DATASET, true, today().minusDays(1), today().plusDays(30));
    assertThat(lookup(agency, "registration", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "tax"))
        .status()).isEqualTo(200);
    Response otherUnit = lookup(agency, "revenue", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "tax"));
    assertDenied(otherUnit, 403, "access_denied", "unit_not_covered");
  }

  @Test
  void deniesLookupsInARetiredDataset() {
    String id = "retiring-" + port;
    registerDataset(id);
    post("/api/v1/datasets/" + id + "/publish", ownerHeaders(), null);
    String agency = "welfare-office-" + port;
    registerAgency(agency);
    requestAndApprove(agency, "registration", id, false, today().minusDays(1), today().plusDays(30));
    assertThat(lookup(agency, "registration", id, Map.of("subjectId", citizen, "purpose", "tax")).status())
        .isEqualTo(200);
    assertThat(post("/api/v1/datasets/" + id + "/retire", ownerHeaders(), null).status()).isEqualTo(200);
    assertDenied(lookup(agency, "registration", id, Map.of("subjectId", citizen, "purpose", "tax")), 403,
        "access_denied", "dataset_not_published");
  }

  // --- bad input: a problem with a stable code, and a deny in the ledger -----------------

  @Test
  void rejectsAWrongCheckDigit() {
    String wrong = citizen.substring(0, 12) + ((citizen.charAt(12) - '0' + 1) % 10);
    assertDenied(lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", wrong,
        "purpose", DemoData.PURPOSE)), 400, "invalid_subject_id", "invalid_subject_id");
  }

  @Test
  void rejectsAMalformedSubjectId() {
    assertDenied(lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", "12345-ABC",
        "purpose", DemoData.PURPOSE)), 400, "invalid_subject_id", "invalid_subject_id");
  }

  @Test
  void rejectsAnUnknownDataset() {
    assertDenied(lookup(CONSUMER, "registration", "no-such-dataset", Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE)), 404, "unknown_dataset", "unknown_dataset");
  }

  @Test
  void rejectsAMissingPurpose() {
    assertDenied(lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen)), 400,
        "purpose_required", "purpose_required");
  }

  @Test
  void rejectsAnEmptyBody() {
    assertDenied(post("/api/v1/exchange/" + DemoData.DATASET + "/lookup", headers(CONSUMER, "registration"), null),
        400, "purpose_required", "purpose_required");
  }

  @Test
  void rejectsAnUnauthenticatedCaller() {
    Response r = post("/api/v1/exchange/" + DemoData.DATASET + "/lookup", Map.of(),
        Map.of("subjectId", citizen, "purpose", DemoData.PURPOSE));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("code").asString()).isEqualTo("unauthenticated");
  }

  @Test
  void rejectsATokenThatNamesNoUnit() {
    Response r = post("/api/v1/exchange/" + DemoData.DATASET + "/lookup",
        tokens().headers(CONSUMER, null, "officer-001", "consumer_officer"),
        Map.of("subjectId", citizen, "purpose", DemoData.PURPOSE));
    assertDenied(r, 401, "caller_unidentified", "caller_unidentified");
  }

  @Test
  void headersCannotMakeAnOfficerActForAnotherAgency() {
    Map<String, String> forged = new LinkedHashMap<>(headers(CONSUMER, "registration"));
    forged.put("X-GDX-Agency", OWNER);
    forged.put("X-GDX-Roles", "committee,operator");
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE));
    assertThat(r.status()).isEqualTo(200);
    Response forgedLookup = post("/api/v1/exchange/" + DemoData.DATASET + "/lookup", forged,
        Map.of("subjectId", citizen, "purpose", DemoData.PURPOSE, "caseRef", "BR-1", "cardPresent", true));
    assertThat(forgedLookup.status()).isEqualTo(200);
    JsonNode entry = ledgerEntry(forgedLookup.body().get("ledgerEntryId").asString());
    assertThat(entry.get("exchange").get("agency").asString()).isEqualTo(CONSUMER);
    // The forged roles header grants nothing either.
    Response reindex = post("/api/v1/ledger/index/reindex", forged, null);
    assertThat(reindex.status()).isEqualTo(403);
  }

  @Test
  void rejectsUnparseableJsonAsAProblem() {
    Response r = send(HttpRequest.newBuilder(uri("/api/v1/exchange/civil-record/lookup"))
        .header("Content-Type", "application/json").header("Authorization", headers(CONSUMER, "registration")
            .get("Authorization"))
        .POST(HttpRequest.BodyPublishers.ofString("{not json")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("code").asString()).isEqualTo("invalid_request");
  }

  @Autowired
  org.springframework.context.ApplicationContext context;

  /** The request mapping checks paths first (issue #9); the lookup still resolves, a wrong media type still gets 415. */
  @Test
  void requestMappingChecksPathsFirstAndStillAnswersAWrongMediaType() throws Exception {
    assertThat(context.getBean("requestMappingHandlerMapping").getClass().getSimpleName())
        .isEqualTo("PathFirstRequestMappingHandlerMapping");
    String token = headers(CONSUMER, "registration").get("Authorization");
    HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(uri("/api/v1/exchange/civil-record/lookup"))
        .header("Authorization", token).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("subject")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(415);
    Response served = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE));
    assertThat(served.status()).as(served.raw()).isEqualTo(200);
  }

  @Test
  void reportsASubjectTheSourceDoesNotHold() {
    String absent = SubjectId.withCheckDigit("899999999999");
    Response r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", absent,
        "purpose", DemoData.PURPOSE));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().get("code").asString()).isEqualTo("subject_not_found");
    JsonNode entry = ledgerEntry(r.body().get("ledgerEntryId").asString());
    assertThat(entry.get("exchange").get("outcome").asString()).isEqualTo("not_found");
  }

  // --- catalog and access requests over HTTP -----------------------------------------------

  @Test
  void ownerRegistersAndPublishesConsumerRequestsOwnerApprovesThenLookupServes() {
    String id = "civil-basic-" + port;
    Response registered = registerDataset(id);
    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
    assertThat(registered.body().get("status").asString()).isEqualTo("draft");
    Response published = post("/api/v1/datasets/" + id + "/publish", ownerHeaders(), null);
    assertThat(published.body().get("status").asString()).isEqualTo("published");

    String agency = "tax-office-" + port;
    registerAgency(agency);
    Response before = lookup(agency, "registration", id, Map.of("subjectId", citizen, "purpose", "tax"));
    assertDenied(before, 403, "access_denied", "no_agreement");

    Response request = post("/api/v1/access-requests", headers(agency, "registration"), Map.of("datasetId", id,
        "purpose", "tax", "legalBasis", "Revenue Code s. 3", "fields", List.of("citizen_id", "first_name_th",
            "last_name_th")));
    assertThat(request.status()).isEqualTo(201);
    assertThat(request.body().get("status").asString()).isEqualTo("pending");
    String requestId = request.body().get("id").asString();

    Map<String, Object> approval = Map.of("validFrom", today().minusDays(1).toString(),
        "validUntil", today().plusDays(30).toString(), "fields", List.of("citizen_id", "first_name_th"));
    Response notOwner = post("/api/v1/access-requests/" + requestId + "/approve", headers(agency, "registration"),
        approval);
    assertThat(notOwner.status()).isEqualTo(403);
    assertThat(notOwner.body().get("code").asString()).isEqualTo("not_dataset_owner");

    Response approved = post("/api/v1/access-requests/" + requestId + "/approve", ownerHeaders(), approval);
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    assertThat(approved.body().get("version").asInt()).isEqualTo(1);

    Response served = lookup(agency, "registration", id, Map.of("subjectId", citizen, "purpose", "tax"));
    assertThat(served.status()).isEqualTo(200);
    assertThat(fieldNames(served.body().get("record"))).containsExactly("citizen_id", "first_name_th");

    assertThat(get("/api/v1/datasets?status=published").body().toString()).contains(id);
    assertThat(get("/api/v1/access-requests/" + requestId).body().get("status").asString()).isEqualTo("approved");
  }

  @Test
  void ownerRejectsWithAReason() {
    String agency = "marketing-co-" + port;
    registerAgency(agency);
    Response request = post("/api/v1/access-requests", headers(agency, "registration"), Map.of(
        "datasetId", DemoData.DATASET, "purpose", "marketing", "legalBasis", "none", "fields", List.of("citizen_id")));
    Response rejected = post("/api/v1/access-requests/" + request.body().get("id").asString() + "/reject",
        ownerHeaders(), Map.of("reason", "commercial use is barred"));
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.body().get("status").asString()).isEqualTo("rejected");
    assertThat(rejected.body().get("decisionReason").asString()).isEqualTo("commercial use is barred");
  }

  @Test
  void invalidRegistrationIsAProblemWithACode() {
    Response r = post("/api/v1/datasets", ownerHeaders(), Map.of("id", "Bad Id!", "classification", "personal"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("code").asString()).isEqualTo("invalid_request");
    Response badClass = post("/api/v1/datasets", ownerHeaders(), Map.of("id", "x-" + port, "classification", "top"));
    assertThat(badClass.status()).isEqualTo(400);
    assertThat(badClass.body().get("code").asString()).isEqualTo("invalid_request");
    assertThat(get("/api/v1/datasets/nope").body().get("code").asString()).isEqualTo("unknown_dataset");
  }

  // --- ledger -------------------------------------------------------------------------------

  @Test
  void ledgerSearchFindsTheExchangesOfAnAgencyAndDecision() {
    lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen, "purpose", "debt-collection"));
    Response denials = get("/api/v1/ledger?agency=" + CONSUMER + "&dataset=" + DemoData.DATASET + "&decision=deny");
    assertThat(denials.status()).isEqualTo(200);
    assertThat(denials.body().size()).isPositive();
    denials.body().forEach(e -> {
      assertThat(e.get("exchange").get("agency").asString()).isEqualTo(CONSUMER);
      assertThat(e.get("exchange").get("decision").asString()).isEqualTo("deny");
    });
    assertThat(get("/api/v1/ledger?decision=maybe").body().get("code").asString()).isEqualTo("invalid_request");
    assertThat(get("/api/v1/ledger?from=yesterday").status()).isEqualTo(400);
  }

  @Test
  void verifyDetectsATamperedRowAndPassesAgainOnceRestored() {
    Response served = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
        "purpose", DemoData.PURPOSE));
    String entryId = served.body().get("ledgerEntryId").asString();
    assertThat(get("/api/v1/ledger/verify").body().get("valid").asBoolean()).isTrue();

    JdbcClient jdbc = JdbcClient.create(dataSource);
    long seq = jdbc.sql("select seq from ledger_entry where id = ?").param(entryId).query(Long.class).single();
    String fields = jdbc.sql("select fields_released from ledger_entry where id = ?").param(entryId)
        .query(String.class).single();
    jdbc.sql("update ledger_entry set fields_released = '[]' where id = ?").param(entryId).update();
    try {
      JsonNode verification = get("/api/v1/ledger/verify").body();
      assertThat(verification.get("valid").asBoolean()).isFalse();
      assertThat(verification.get("firstBroken").get("seq").asLong()).isEqualTo(seq);
      assertThat(verification.get("firstBroken").get("id").asString()).isEqualTo(entryId);
    } finally {
      jdbc.sql("update ledger_entry set fields_released = ? where id = ?").params(fields, entryId).update();
    }
    assertThat(get("/api/v1/ledger/verify").body().get("valid").asBoolean()).isTrue();
  }

  @Test
  void servesNothingWhenTheLedgerCannotRecord() {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    long before = jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
    jdbc.sql("alter table ledger_entry rename to ledger_entry_offline").update();
    Response r;
    try {
      r = lookup(CONSUMER, "registration", DemoData.DATASET, Map.of("subjectId", citizen,
          "purpose", DemoData.PURPOSE));
    } finally {
      jdbc.sql("alter table ledger_entry_offline rename to ledger_entry").update();
    }
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body().get("code").asString()).isEqualTo("ledger_unavailable");
    assertThat(r.body().has("record")).isFalse();
    assertThat(r.raw()).doesNotContain(citizen);
    assertThat(jdbc.sql("select count(*) from ledger_entry").query(Long.class).single()).isEqualTo(before);
    assertThat(get("/api/v1/ledger/verify").body().get("valid").asBoolean()).isTrue();
  }

  // --- helpers ------------------------------------------------------------------------------

  private void assertDenied(Response r, int status, String code, String reason) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("code").asString()).isEqualTo(code);
    assertThat(r.body().get("type").asString()).isEqualTo("urn:gdxhub:problem:" + code);
    assertThat(r.body().has("record")).isFalse();
    JsonNode entry = ledgerEntry(r.body().get("ledgerEntryId").asString());
    assertThat(entry.get("exchange").get("decision").asString()).isEqualTo("deny");
    List<String> codes = new ArrayList<>();
    entry.get("exchange").get("reasons").forEach(x -> codes.add(x.get("code").asString()));
    assertThat(codes).containsExactly(reason);
    if (r.body().has("reasons")) {
      assertThat(r.body().get("reasons").get(0).get("code").asString()).isEqualTo(reason);
    }
  }

  private String requestAndApprove(String agency, String unit, String dataset, boolean unitOnly, LocalDate from,
      LocalDate until) {
    Response request = post("/api/v1/access-requests", headers(agency, unit), Map.of("datasetId", dataset,
        "purpose", "tax", "legalBasis", "Revenue Code s. 3", "fields", List.of("citizen_id", "first_name_th"),
        "unitOnly", unitOnly));
    assertThat(request.status()).as(request.raw()).isEqualTo(201);
    Response approved = post("/api/v1/access-requests/" + request.body().get("id").asString() + "/approve",
        ownerHeaders(), Map.of("validFrom", from.toString(), "validUntil", until.toString()));
    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    return approved.body().get("id").asString();
  }

  private Response registerDataset(String id) {
    return post("/api/v1/datasets", ownerHeaders(), Map.of("id", id, "titleTh", "ทะเบียนราษฎร (ย่อ)",
        "titleEn", "Civil record (basic)", "classification", "personal", "legalBasis", "Civil Registration Act",
        "connector", DemoData.CONNECTOR, "fields", List.of(
            Map.of("name", "citizen_id", "labelTh", "เลขประจำตัวประชาชน", "labelEn", "Citizen ID", "personal", true),
            Map.of("name", "first_name_th", "labelTh", "ชื่อ", "labelEn", "First name", "personal", true),
            Map.of("name", "last_name_th", "labelTh", "ชื่อสกุล", "labelEn", "Last name", "personal", true))));
  }

  private void registerAgency(String code) {
    Response r = post("/api/v1/agencies", Map.of("Authorization", tokens().operator()), Map.of("code", code, "nameTh", "หน่วยงานทดสอบ",
        "nameEn", "Test agency", "units", List.of(
            Map.of("code", "registration", "nameTh", "ฝ่ายทะเบียน", "nameEn", "Registration"),
            Map.of("code", "revenue", "nameTh", "ฝ่ายรายได้", "nameEn", "Revenue"))));
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
  }

  private String agreementOf(String agency) {
    return get("/api/v1/agreements?consumer=" + agency + "&dataset=" + DemoData.DATASET).body().get(0).get("id")
        .asString();
  }

  private JsonNode ledgerEntry(String id) {
    Response r = get("/api/v1/ledger/" + id);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.body();
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("Asia/Bangkok"));
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }

  /** A lookup at the counter: with a case reference and the citizen's card read, unless the body says otherwise. */
  private Response lookup(String agency, String unit, String dataset, Map<String, Object> body) {
    Map<String, Object> withDefaults = new LinkedHashMap<>(body);
    withDefaults.putIfAbsent("caseRef", "CASE-" + port);
    withDefaults.putIfAbsent("cardPresent", true);
    return post("/api/v1/exchange/" + dataset + "/lookup", headers(agency, unit), withDefaults);
  }

  /** An officer of the agency's unit who also stewards the agency's own datasets. */
  private Map<String, String> headers(String agency, String unit) {
    return tokens().headers(agency, unit, "officer-001", "consumer_officer", "owner_steward");
  }

  private TestTokens tokens() {
    return new TestTokens(issuer);
  }

  private Map<String, String> ownerHeaders() {
    return headers(OWNER, "registration-bureau");
  }

  /** Reads as an auditor (catalog, agreements and ledger entries). */
  private Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", tokens().auditor()).GET());
  }

  private Response post(String path, Map<String, String> headers, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new LinkedHashMap<>(toMap(body)))));
    headers.forEach(request::header);
    return send(request);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(Object body) {
    return (Map<String, Object>) body;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body), body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, String contentType, JsonNode body, String raw) {}
}
