package org.gdxhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.ApproveAccess;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Classification;
import org.gdxhub.catalog.DatasetField;
import org.gdxhub.catalog.RegisterDataset;
import org.gdxhub.catalog.RequestAccess;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.testsupport.OpaServer;
import org.gdxhub.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization matrix: every endpoint × every role × the caller's own or another agency
 * is allowed (anything but 401/403) or refused (403), over HTTP on the running hub with tokens
 * from its local issuer; forged, expired, unsigned and malformed credentials are 401
 * {@code unauthenticated}. A further test fails when an endpoint exists that the matrix does
 * not list, so a new endpoint cannot skip its role check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String OTHER_OWNER = DemoData.BUSINESS_OWNER;
  static final String OTHER_CONSUMER = DemoData.REVENUE_OWNER;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    String dataDir = Files.createTempDirectory("gdx-hub-authz-").toString();
    properties.add("hub.data-dir", () -> dataDir);
    properties.add("hub.ledger.search.follow-interval", () -> "0s");
  }

  @LocalServerPort
  int port;
  @Autowired
  TokenIssuer issuer;
  @Autowired
  CatalogService catalog;
  @Autowired
  AgreementService agreements;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  final HttpClient http = HttpClient.newHttpClient();
  final AtomicInteger sequence = new AtomicInteger();
  final CallerIdentity steward = new CallerIdentity(DemoData.OWNER, "registration-bureau", "steward-001",
      Set.of(Roles.OWNER_STEWARD));
  final CallerIdentity consumer = new CallerIdentity(DemoData.CONSUMER, "registration", "officer-001",
      Set.of(Roles.CONSUMER_OFFICER));
  TestTokens tokens;
  String citizen;
  String ledgerEntryId;
  String matrixOfficerEntryId;
  String extractId;
  String demoAgreement;

  /** One endpoint: its mapping, how to call it, and who may. */
  record Endpoint(String method, String pattern, Supplier<String> path, Supplier<Object> body, String contentType,
      BiPredicate<String, Boolean> allowed) {}

  List<Endpoint> endpoints;

  @BeforeAll
  void setUp() {
    tokens = new TestTokens(issuer);
    citizen = registry.sampleCitizenIds(1).getFirst();
    demoAgreement = agreements.agreements(DemoData.CONSUMER, DemoData.DATASET).getFirst().id();
    HttpResponse<String> served = send("POST", "/api/v1/exchange/" + DemoData.DATASET + "/lookup",
        tokens.bearer(DemoData.CONSUMER, "registration", "officer-001", Roles.CONSUMER_OFFICER), lookupBody(), null);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    ledgerEntryId = JSON.readTree(served.body()).get("ledgerEntryId").asString();
    // The matrix's own consumer officer (own agency) makes a lookup, so that only they may certify it.
    String matrixOfficer = tokens.bearer(agencyOf(null, Roles.CONSUMER_OFFICER, true), unitOf(Roles.CONSUMER_OFFICER),
        Roles.CONSUMER_OFFICER + "-1", Roles.CONSUMER_OFFICER);
    HttpResponse<String> own = send("POST", "/api/v1/exchange/" + DemoData.DATASET + "/lookup", matrixOfficer,
        lookupBody(), null);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    matrixOfficerEntryId = JSON.readTree(own.body()).get("ledgerEntryId").asString();
    HttpResponse<String> extract = send("POST", "/api/v1/archive/extracts", matrixOfficer,
        Map.of("ledgerEntryId", matrixOfficerEntryId, "subjectId", citizen), null);
    assertThat(extract.statusCode()).as(extract.body()).isEqualTo(201);
    extractId = JSON.readTree(extract.body()).get("document").get("id").asString();
    endpoints = endpoints();
  }

  List<Endpoint> endpoints() {
    List<Endpoint> e = new ArrayList<>();
    BiPredicate<String, Boolean> anyPerson = (role, own) -> true;
    BiPredicate<String, Boolean> stewardOfOwner = (role, own) -> role.equals(Roles.OWNER_STEWARD) && own;
    // auth
    e.add(get("/api/v1/auth/me", () -> "/api/v1/auth/me", anyPerson));
    // catalog
    e.add(get("/api/v1/agencies", () -> "/api/v1/agencies", anyPerson));
    e.add(new Endpoint("POST", "/api/v1/agencies", () -> "/api/v1/agencies", () -> Map.of("code",
        "agency-" + sequence.incrementAndGet(), "nameTh", "หน่วยงาน", "nameEn", "Agency", "units",
        List.of(Map.of("code", "main", "nameTh", "หลัก", "nameEn", "Main"))), null, roles(Roles.OPERATOR)));
    e.add(get("/api/v1/datasets", () -> "/api/v1/datasets", anyPerson));
    e.add(get("/api/v1/datasets/{id}", () -> "/api/v1/datasets/" + DemoData.DATASET, anyPerson));
    e.add(new Endpoint("POST", "/api/v1/datasets", () -> "/api/v1/datasets", () -> datasetBody(nextId("ds")), null,
        roles(Roles.OWNER_STEWARD)));
    e.add(new Endpoint("PUT", "/api/v1/datasets/{id}", () -> "/api/v1/datasets/" + draftDataset() + "?version=1",
        () -> datasetBody(null), null, stewardOfOwner));
    e.add(post("/api/v1/datasets/{id}/publish", () -> "/api/v1/datasets/" + draftDataset() + "/publish",
        stewardOfOwner));
    e.add(post("/api/v1/datasets/{id}/retire", () -> "/api/v1/datasets/" + draftDataset() + "/retire",
        stewardOfOwner));
    // access requests and agreements
    e.add(get("/api/v1/access-requests", () -> "/api/v1/access-requests", anyPerson));
    e.add(get("/api/v1/access-requests/{id}", () -> "/api/v1/access-requests/" + pendingRequest(), anyPerson));
    e.add(new Endpoint("POST", "/api/v1/access-requests", () -> "/api/v1/access-requests",
        () -> Map.of("datasetId", DemoData.DATASET, "purpose", "p-" + sequence.incrementAndGet(), "legalBasis",
            "Act", "fields", List.of("citizen_id")), null, roles(Roles.CONSUMER_OFFICER, Roles.UNIT_HEAD)));
    e.add(new Endpoint("POST", "/api/v1/access-requests/{id}/approve",
        () -> "/api/v1/access-requests/" + pendingRequest() + "/approve", this::approval, null, stewardOfOwner));
    e.add(new Endpoint("POST", "/api/v1/access-requests/{id}/reject",
        () -> "/api/v1/access-requests/" + pendingRequest() + "/reject", () -> Map.of("reason", "no"), null,
        stewardOfOwner));
    e.add(get("/api/v1/agreements", () -> "/api/v1/agreements", anyPerson));
    e.add(get("/api/v1/agreements/{id}", () -> "/api/v1/agreements/" + freshAgreement(), anyPerson));
    e.add(new Endpoint("POST", "/api/v1/agreements/{id}/amend",
        () -> "/api/v1/agreements/" + freshAgreement() + "/amend?version=1",
        () -> Map.of("dailyQuota", 100), null, stewardOfOwner));
    for (String change : List.of("suspend", "reinstate", "revoke")) {
      e.add(post("/api/v1/agreements/{id}/" + change,
          () -> "/api/v1/agreements/" + freshAgreement() + "/" + change + "?version=1", stewardOfOwner));
    }
    // exchange: consumers of the agreement's own agency only (another agency has no agreement)
    e.add(new Endpoint("POST", "/api/v1/exchange/{datasetId}/lookup",
        () -> "/api/v1/exchange/" + DemoData.DATASET + "/lookup", this::lookupBody, null,
        (role, own) -> own && (role.equals(Roles.CONSUMER_OFFICER) || role.equals(Roles.UNIT_HEAD))));
    // ledger
    BiPredicate<String, Boolean> ledgerReaders = roles(Roles.COMMITTEE, Roles.AUDITOR);
    e.add(get("/api/v1/ledger", () -> "/api/v1/ledger?limit=5", ledgerReaders));
    e.add(get("/api/v1/ledger/{id}", () -> "/api/v1/ledger/" + ledgerEntryId, ledgerReaders));
    e.add(get("/api/v1/ledger/verify", () -> "/api/v1/ledger/verify", ledgerReaders));
    e.add(get("/api/v1/ledger/export", () -> "/api/v1/ledger/export?from=1&to=3", ledgerReaders));
    e.add(get("/api/v1/ledger/checkpoints", () -> "/api/v1/ledger/checkpoints", ledgerReaders));
    e.add(get("/api/v1/ledger/certificate", () -> "/api/v1/ledger/certificate", ledgerReaders));
    e.add(post("/api/v1/ledger/checkpoints", () -> "/api/v1/ledger/checkpoints",
        roles(Roles.COMMITTEE, Roles.AUDITOR, Roles.OPERATOR)));
    // search: committee and auditors anywhere; a unit head only within the own agency
    BiPredicate<String, Boolean> searchers = (role, own) -> role.equals(Roles.COMMITTEE)
        || role.equals(Roles.AUDITOR) || role.equals(Roles.UNIT_HEAD) && own;
    e.add(get("/api/v1/ledger/search", () -> "/api/v1/ledger/search?agency=" + DemoData.CONSUMER, searchers));
    e.add(new Endpoint("POST", "/api/v1/ledger/search", () -> "/api/v1/ledger/search",
        () -> Map.of("agency", DemoData.CONSUMER), null, searchers));
    e.add(get("/api/v1/ledger/admin-audit", () -> "/api/v1/ledger/admin-audit", ledgerReaders));
    e.add(get("/api/v1/ledger/admin-audit/verify", () -> "/api/v1/ledger/admin-audit/verify", ledgerReaders));
    e.add(get("/api/v1/ledger/statistics", () -> "/api/v1/ledger/statistics", ledgerReaders));
    e.add(get("/api/v1/ledger/statistics/{table}.csv", () -> "/api/v1/ledger/statistics/totals.csv", ledgerReaders));
    e.add(get("/api/v1/ledger/anomalies", () -> "/api/v1/ledger/anomalies", ledgerReaders));
    BiPredicate<String, Boolean> indexReaders = roles(Roles.COMMITTEE, Roles.AUDITOR, Roles.OPERATOR);
    e.add(get("/api/v1/ledger/index", () -> "/api/v1/ledger/index", indexReaders));
    e.add(get("/api/v1/ledger/index/reindex", () -> "/api/v1/ledger/index/reindex", indexReaders));
    e.add(post("/api/v1/ledger/index/reindex", () -> "/api/v1/ledger/index/reindex", roles(Roles.OPERATOR)));
    // governance and policy
    e.add(new Endpoint("POST", "/api/v1/governance/policy-replay", () -> "/api/v1/governance/policy-replay?last=5",
        () -> "not a bundle", "application/gzip", roles(Roles.COMMITTEE)));
    e.add(get("/api/v1/governance/alerts", () -> "/api/v1/governance/alerts",
        roles(Roles.COMMITTEE, Roles.AUDITOR, Roles.OPERATOR)));
    e.add(get("/api/v1/policy/bundles/policy.tar.gz", () -> "/api/v1/policy/bundles/policy.tar.gz",
        roles(Roles.OPERATOR)));
    e.add(get("/api/v1/policy/bundles/data.tar.gz", () -> "/api/v1/policy/bundles/data.tar.gz",
        roles(Roles.OPERATOR)));
    // security administration
    e.add(get("/api/v1/security/api-keys", () -> "/api/v1/security/api-keys", roles(Roles.OPERATOR)));
    e.add(new Endpoint("POST", "/api/v1/security/api-keys", () -> "/api/v1/security/api-keys",
        () -> Map.of("name", nextId("system"), "agency", DemoData.CONSUMER, "unit", "registration", "roles",
            List.of(Roles.CONSUMER_OFFICER)), null, roles(Roles.OPERATOR)));
    e.add(new Endpoint("DELETE", "/api/v1/security/api-keys/{id}", () -> "/api/v1/security/api-keys/no-such-key",
        () -> null, null, roles(Roles.OPERATOR)));
    e.add(get("/api/v1/security/pseudonym-keys", () -> "/api/v1/security/pseudonym-keys",
        roles(Roles.OPERATOR, Roles.AUDITOR)));
    e.add(post("/api/v1/security/pseudonym-keys/rotate", () -> "/api/v1/security/pseudonym-keys/rotate",
        roles(Roles.OPERATOR)));
    // governed subscriptions to change events (a subscription of another unit answers 404, not 403)
    BiPredicate<String, Boolean> consumers = roles(Roles.CONSUMER_OFFICER, Roles.UNIT_HEAD);
    e.add(get("/api/v1/subscriptions", () -> "/api/v1/subscriptions", consumers));
    e.add(new Endpoint("POST", "/api/v1/subscriptions", () -> "/api/v1/subscriptions", () -> Map.of(), null,
        consumers));
    e.add(get("/api/v1/subscriptions/{id}", () -> "/api/v1/subscriptions/no-such", consumers));
    e.add(get("/api/v1/subscriptions/{id}/events", () -> "/api/v1/subscriptions/no-such/events", consumers));
    e.add(post("/api/v1/subscriptions/{id}/cancel", () -> "/api/v1/subscriptions/no-such/cancel", consumers));
    e.add(new Endpoint("POST", "/api/v1/subscriptions/{id}/subjects", () -> "/api/v1/subscriptions/no-such/subjects",
        () -> Map.of("subjectIds", List.of()), null, consumers));
    e.add(new Endpoint("POST", "/api/v1/subscriptions/{id}/subjects/remove",
        () -> "/api/v1/subscriptions/no-such/subjects/remove", () -> Map.of("subjectIds", List.of()), null, consumers));
    // archive: extracts by the officer who made the lookup; documents to the issuing agency or the committee
    String archive = "/api/v1/archive";
    BiPredicate<String, Boolean> issuingAgencyOrCommittee = (role, own) -> role.equals(Roles.COMMITTEE)
        || own && (role.equals(Roles.CONSUMER_OFFICER) || role.equals(Roles.UNIT_HEAD));
    e.add(new Endpoint("POST", archive + "/extracts", () -> archive + "/extracts",
        () -> Map.of("ledgerEntryId", matrixOfficerEntryId, "subjectId", citizen), null,
        (role, own) -> own && role.equals(Roles.CONSUMER_OFFICER)));
    e.add(new Endpoint("POST", archive + "/extracts/by-subject", () -> archive + "/extracts/by-subject",
        () -> Map.of("subjectId", citizen), null, roles(Roles.COMMITTEE)));
    e.add(get(archive + "/documents/{id}", () -> archive + "/documents/" + extractId, issuingAgencyOrCommittee));
    e.add(get(archive + "/documents/{id}/pdf", () -> archive + "/documents/" + extractId + "/pdf",
        issuingAgencyOrCommittee));
    e.add(get(archive + "/documents/{id}/csv", () -> archive + "/documents/" + extractId + "/csv",
        issuingAgencyOrCommittee));
    e.add(new Endpoint("POST", archive + "/documents/{id}/revoke", () -> archive + "/documents/" + extractId
        + "/revoke", () -> Map.of("reason", "matrix"), null,
        (role, own) -> role.equals(Roles.COMMITTEE) || own && role.equals(Roles.UNIT_HEAD)));
    e.add(get(archive + "/certificate", () -> archive + "/certificate", anyPerson));
    e.add(new Endpoint("POST", archive + "/verify", () -> archive + "/verify",
        () -> Map.of("documentId", extractId, "hash", "0".repeat(64)), null, anyPerson));
    e.add(post(archive + "/retention/run", () -> archive + "/retention/run", roles(Roles.OPERATOR)));
    String lastMonth = java.time.YearMonth.now().minusMonths(1).toString();
    e.add(post(archive + "/reports", () -> archive + "/reports?month=" + lastMonth, roles(Roles.COMMITTEE)));
    e.add(get(archive + "/reports", () -> archive + "/reports", roles(Roles.COMMITTEE)));
    e.add(get(archive + "/reports/preview", () -> archive + "/reports/preview?month=" + lastMonth,
        roles(Roles.COMMITTEE)));
    e.add(get(archive + "/sign-offs/unit", () -> archive + "/sign-offs/unit", roles(Roles.UNIT_HEAD)));
    e.add(new Endpoint("POST", archive + "/sign-offs", () -> archive + "/sign-offs",
        () -> Map.of("month", lastMonth, "status", "no_abnormality"), null, roles(Roles.UNIT_HEAD)));
    e.add(get(archive + "/sign-offs", () -> archive + "/sign-offs", roles(Roles.COMMITTEE)));
    // operations
    e.add(get("/actuator/metrics", () -> "/actuator/metrics", roles(Roles.OPERATOR)));
    e.add(get("/actuator/info", () -> "/actuator/info", roles(Roles.OPERATOR)));
    return e;
  }

  @Test
  void everyEndpointTimesEveryRoleTimesOwnOrOtherAgency() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (Endpoint endpoint : endpoints) {
      for (String role : Roles.PEOPLE) {
        for (boolean own : List.of(true, false)) {
          boolean allowed = endpoint.allowed().test(role, own);
          String token = tokens.bearer(agencyOf(endpoint, role, own), unitOf(role), role + "-1", role);
          HttpResponse<String> r = send(endpoint.method(), endpoint.path().get(), token, endpoint.body().get(),
              endpoint.contentType());
          cases++;
          boolean refused = r.statusCode() == 403 || r.statusCode() == 401;
          if (allowed == refused || !allowed && r.statusCode() != 403) {
            failures.add(endpoint.method() + " " + endpoint.pattern() + " as " + role + (own ? " (own" : " (other")
                + " agency): expected " + (allowed ? "allowed" : "403") + ", got " + r.statusCode() + " "
                + abbreviate(r.body()));
          }
        }
      }
    }
    assertThat(failures).as("%d cases", cases).isEmpty();
    assertThat(cases).isEqualTo(endpoints.size() * Roles.PEOPLE.size() * 2);
  }

  @Test
  void theMatrixListsEveryEndpointOfTheHub() {
    Set<String> listed = new TreeSet<>();
    endpoints.forEach(e -> listed.add(e.method() + " " + e.pattern()));
    Set<String> mapped = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      var patterns = info.getPathPatternsCondition() == null ? Set.<String>of()
          : info.getPathPatternsCondition().getPatternValues();
      var methods = info.getMethodsCondition().getMethods();
      for (String pattern : patterns) {
        // Public pages (the archive's verify page, Spring's error page, the OpenAPI description) and
        // getting a token. The console's pages sit behind their own session chain; ConsoleJourneyIT
        // checks their roles.
        if (pattern.startsWith("/verify") || pattern.startsWith("/archive/verify") || pattern.equals("/error")
            || pattern.startsWith("/api/v1/auth/token") || pattern.contains("jwks")
            || pattern.startsWith("/v3/api-docs") || pattern.equals("/console") || pattern.startsWith("/console/")) {
          continue;
        }
        for (var m : methods) {
          mapped.add(m.name() + " " + pattern);
        }
      }
    });
    assertThat(listed).containsAll(mapped.stream().filter(m -> !m.startsWith("GET /actuator")).toList());
  }

  @Test
  void forgedExpiredUnsignedAndMalformedTokensAreUnauthenticated() throws Exception {
    String path = "/api/v1/agencies";
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var stranger = generator.generateKeyPair();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("gdx-hub-local").subject("officer-001")
        .claim("agency", DemoData.CONSUMER).claim("unit", "registration").claim("officer", "officer-001")
        .claim("roles", List.of(Roles.COMMITTEE)).issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
    forged.sign(new ECDSASigner((ECPrivateKey) stranger.getPrivate()));
    String unsigned = new PlainJWT(claims).serialize();
    String expired = issuer.issue(new CallerIdentity(DemoData.CONSUMER, "registration", "officer-001",
        Set.of(Roles.COMMITTEE)), Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(30)).accessToken();
    String valid = tokens.token(DemoData.CONSUMER, "registration", "officer-001", Roles.COMMITTEE);
    String[] parts = valid.split("\\.");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1])).replace(DemoData.CONSUMER, DemoData.OWNER).getBytes())
        + "." + parts[2];

    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("no credentials", null);
    cases.put("forged (another key)", "Bearer " + forged.serialize());
    cases.put("unsigned (alg none)", "Bearer " + unsigned);
    cases.put("expired", "Bearer " + expired);
    cases.put("tampered claims", "Bearer " + tampered);
    cases.put("malformed", "Bearer not.a.token");
    for (var c : cases.entrySet()) {
      HttpResponse<String> r = send("GET", path, c.getValue(), null, null);
      assertThat(r.statusCode()).as(c.getKey()).isEqualTo(401);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(c.getKey())
          .startsWith("application/problem+json");
      JsonNode problem = JSON.readTree(r.body());
      assertThat(problem.get("code").asString()).as(c.getKey()).isEqualTo("unauthenticated");
      assertThat(problem.get("type").asString()).isEqualTo("urn:gdxhub:problem:unauthenticated");
      assertThat(r.body()).doesNotContain("Exception", "at org.");
    }
    assertThat(send("GET", path, "Bearer " + valid, null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> unknownKey = sendWithHeader("GET", path, "X-GDX-Api-Key", "gdx_unknown");
    assertThat(unknownKey.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(unknownKey.body()).get("code").asString()).isEqualTo("unauthenticated");
  }

  @Test
  void publicEndpointsNeedNoCredentials() {
    assertThat(send("GET", "/actuator/health", null, null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/auth/jwks", null, null, null).body()).contains("\"kty\":\"EC\"")
        .doesNotContain("\"d\":");
    HttpResponse<String> token = send("POST", "/api/v1/auth/token", null, Map.of("username", "officer"), null);
    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(token.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    String accessToken = JSON.readTree(token.body()).get("access_token").asString();
    JsonNode me = JSON.readTree(send("GET", "/api/v1/auth/me", "Bearer " + accessToken, null, null).body());
    assertThat(me.get("agency").asString()).isEqualTo(DemoData.CONSUMER);
    assertThat(me.get("roles").get(0).asString()).isEqualTo(Roles.CONSUMER_OFFICER);
    assertThat(send("POST", "/api/v1/auth/token", null, Map.of("username", "mallory"), null).statusCode())
        .isEqualTo(401);
    // Not found under the archive's public paths (issue 6 adds them) is a 404, never a 401.
    assertThat(send("GET", "/verify/nothing", null, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void responsesCarrySecurityHeaders() {
    HttpResponse<String> r = send("GET", "/api/v1/agencies", tokens.auditor(), null, null);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
  }

  @Test
  void apiKeysAuthenticateAgencySystemsBoundToTheirAgencyAndCanBeRevoked() {
    HttpResponse<String> issued = send("POST", "/api/v1/security/api-keys", tokens.operator(), Map.of("name",
        "bangrak-counter-system", "agency", DemoData.CONSUMER, "unit", "registration", "roles",
        List.of(Roles.CONSUMER_OFFICER)), null);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(issued.body());
    String key = body.get("apiKey").asString();
    String id = body.get("id").asString();
    assertThat(key).startsWith("gdx_");
    assertThat(send("GET", "/api/v1/security/api-keys", tokens.operator(), null, null).body()).doesNotContain(key);

    HttpResponse<String> lookup = sendWithHeaders("POST", "/api/v1/exchange/" + DemoData.DATASET + "/lookup",
        Map.of("X-GDX-Api-Key", key, "X-GDX-Agency", DemoData.OWNER), lookupBody());
    assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
    String entry = JSON.readTree(lookup.body()).get("ledgerEntryId").asString();
    JsonNode ledgered = JSON.readTree(send("GET", "/api/v1/ledger/" + entry, tokens.auditor(), null, null).body());
    assertThat(ledgered.get("exchange").get("agency").asString()).isEqualTo(DemoData.CONSUMER);
    assertThat(ledgered.get("exchange").get("officer").asString()).isEqualTo("system:bangrak-counter-system");
    // The key's roles are all it has.
    assertThat(sendWithHeader("GET", "/api/v1/ledger/verify", "X-GDX-Api-Key", key).statusCode()).isEqualTo(403);

    assertThat(send("DELETE", "/api/v1/security/api-keys/" + id, tokens.operator(), null, null).statusCode())
        .isEqualTo(204);
    assertThat(sendWithHeader("GET", "/api/v1/agencies", "X-GDX-Api-Key", key).statusCode()).isEqualTo(401);

    // Both changes are in the ledger's hash-chained admin stream, with the operator as actor and no secret.
    String stream = send("GET", "/api/v1/ledger/admin-audit?limit=1000", tokens.auditor(), null, null).body();
    assertThat(stream).contains("\"action\":\"api_key.issued\"", "\"action\":\"api_key.revoked\"", id,
        "hub-operations/operator-001").doesNotContain(key);
    JsonNode verify = JSON.readTree(send("GET", "/api/v1/ledger/admin-audit/verify", tokens.auditor(), null, null)
        .body());
    assertThat(verify.get("valid").asBoolean()).isTrue();
    assertThat(verify.get("events").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theOpaServiceKeyReadsBundlesAndNothingElse() {
    assertThat(sendWithHeader("GET", "/api/v1/policy/bundles/data.tar.gz", "X-GDX-Api-Key",
        OpaServer.BUNDLE_API_KEY).statusCode()).isEqualTo(200);
    assertThat(sendWithHeader("GET", "/api/v1/agencies", "X-GDX-Api-Key", OpaServer.BUNDLE_API_KEY).statusCode())
        .isEqualTo(403);
  }

  // --- fixtures -----------------------------------------------------------------------------

  Endpoint get(String pattern, Supplier<String> path, BiPredicate<String, Boolean> allowed) {
    return new Endpoint("GET", pattern, path, () -> null, null, allowed);
  }

  Endpoint post(String pattern, Supplier<String> path, BiPredicate<String, Boolean> allowed) {
    return new Endpoint("POST", pattern, path, () -> null, null, allowed);
  }

  static BiPredicate<String, Boolean> roles(String... roles) {
    Set<String> set = Set.of(roles);
    return (role, own) -> set.contains(role);
  }

  /** The own agency of an endpoint is the one whose resource it touches; people of other roles have their own. */
  static String agencyOf(Endpoint endpoint, String role, boolean own) {
    return switch (role) {
      case Roles.OWNER_STEWARD -> own ? DemoData.OWNER : OTHER_OWNER;
      case Roles.CONSUMER_OFFICER, Roles.UNIT_HEAD -> own ? DemoData.CONSUMER : OTHER_CONSUMER;
      case Roles.OPERATOR -> own ? "hub-operations" : "some-other-agency";
      default -> own ? "governance-committee" : "some-other-agency";
    };
  }

  static String unitOf(String role) {
    return switch (role) {
      case Roles.OWNER_STEWARD -> "registration-bureau";
      case Roles.CONSUMER_OFFICER, Roles.UNIT_HEAD -> "registration";
      default -> "secretariat";
    };
  }

  String nextId(String prefix) {
    return prefix + "-" + sequence.incrementAndGet();
  }

  Map<String, Object> lookupBody() {
    return Map.of("subjectId", citizen, "purpose", DemoData.PURPOSE, "caseRef", "AUTHZ-1", "cardPresent", true,
        "agreementId", demoAgreement);
  }

  Map<String, Object> datasetBody(String id) {
    Map<String, Object> body = new LinkedHashMap<>(datasetBodyWithoutId());
    if (id != null) {
      body.put("id", id);
    }
    return body;
  }

  Map<String, Object> datasetBodyWithoutId() {
    return Map.of("titleTh", "ชุดข้อมูล", "titleEn", "Dataset", "classification", "personal", "legalBasis",
        "Act", "connector", DemoData.CONNECTOR, "fields", List.of(Map.of("name", "citizen_id", "labelTh", "เลข",
            "labelEn", "Citizen ID", "personal", true)));
  }

  Map<String, Object> approval() {
    return Map.of("validFrom", LocalDate.now().minusDays(1).toString(), "validUntil",
        LocalDate.now().plusDays(30).toString());
  }

  /** A fresh draft dataset of the demo owner. */
  String draftDataset() {
    String id = nextId("draft");
    catalog.register(steward, new RegisterDataset(id, "ชุดข้อมูล", "Dataset", null, Classification.PERSONAL, "Act",
        DemoData.CONNECTOR, List.of(new DatasetField("citizen_id", "เลข", "Citizen ID", true, false))));
    return id;
  }

  /** A fresh pending access request of the consumer for the owner's dataset. */
  String pendingRequest() {
    return agreements.requestAccess(consumer, new RequestAccess(DemoData.DATASET, nextId("purpose"), "Act",
        List.of("citizen_id"), false)).id();
  }

  /** A fresh approved agreement (version 1). */
  String freshAgreement() {
    return agreements.approve(steward, pendingRequest(), new ApproveAccess(LocalDate.now().minusDays(1),
        LocalDate.now().plusDays(30), null, false, null)).id();
  }

  HttpResponse<String> send(String method, String path, String authorization, Object body, String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return sendWithHeaders(method, path, headers, body);
  }

  HttpResponse<String> sendWithHeader(String method, String path, String header, String value) {
    return sendWithHeaders(method, path, Map.of(header, value), null);
  }

  HttpResponse<String> sendWithHeaders(String method, String path, Map<String, String> headers, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(payload));
    if (!headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String abbreviate(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }
}
