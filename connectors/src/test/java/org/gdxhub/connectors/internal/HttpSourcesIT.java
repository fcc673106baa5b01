package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorTestProperties;
import org.gdxhub.connectors.ConnectorsTestApplication;
import org.gdxhub.connectors.DemoSources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The HTTP connectors against the real demo owner systems over their real protocols: the
 * business registry's JSON API and the Revenue Department's SOAP service, on 127.0.0.1, with
 * credentials from the store. Includes a slow source of each kind (source_timeout within the
 * configured 1s) and a source that dies (source_unavailable, circuit opens, others unaffected).
 */
@SpringBootTest(classes = ConnectorsTestApplication.class)
class HttpSourcesIT {

  static final String CERTIFICATE = "business-registry.company-certificate";
  static final String SHAREHOLDERS = "business-registry.shareholder-list";
  static final String VAT = "revenue-department.vat-registration";
  static final List<String> CERTIFICATE_FIELDS = List.of("juristic_id", "name_th", "name_en", "juristic_type", "status",
      "registration_date", "registered_capital", "address", "directors", "authorised_signatories", "objectives");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    ConnectorTestProperties.register(properties);
  }

  @Autowired
  ConnectorGateway gateway;
  @Autowired
  DemoSources demo;
  @Autowired
  DemoSourceSystems systems;
  @Autowired
  Map<String, HealthContributor> health;
  @Autowired
  MeterRegistry meters;
  @Autowired
  Environment environment;

  @Test
  void companyCertificateIsMappedFromTheRegistrysJsonToTheCanonicalRecord() {
    assertThat(demo.juristicIds()).hasSize(120).allMatch(SubjectId::isValidThirteenDigit).allMatch(id -> id.startsWith("010"));
    String company = demo.juristicIds().getFirst();
    Map<String, Object> record = gateway.fetch(CERTIFICATE, company, CERTIFICATE_FIELDS).orElseThrow();

    assertThat(record).containsOnlyKeys(CERTIFICATE_FIELDS);
    assertThat(record.get("juristic_id")).isEqualTo(company);
    assertThat((String) record.get("name_th")).containsAnyOf("บริษัท", "ห้างหุ้นส่วนจำกัด");
    assertThat((String) record.get("juristic_type")).isIn("Company Limited", "Limited Partnership", "Public Company Limited");
    assertThat((String) record.get("status")).isIn("Active", "Liquidated", "Abandoned");
    assertThat(((Number) record.get("registered_capital")).longValue()).isPositive();
    List<Map<String, Object>> directors = list(record.get("directors"));
    assertThat(directors).isNotEmpty().allSatisfy(d -> assertThat(d).containsOnlyKeys("name_th", "name_en", "position"));
    assertThat(list(record.get("objectives"))).allSatisfy(o -> assertThat((String) o.get("tsic_code")).hasSize(5));
    assertThat((String) record.get("authorised_signatories")).contains("ลงลายมือชื่อ");
  }

  @Test
  void shareholderListAddsUpToTheIssuedShares() {
    String company = demo.juristicIds().get(1);
    Map<String, Object> record = gateway.fetch(SHAREHOLDERS, company,
        List.of("juristic_id", "as_of", "total_shares", "shareholders")).orElseThrow();
    List<Map<String, Object>> holders = list(record.get("shareholders"));
    assertThat(holders).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(h -> assertThat(h).containsOnlyKeys("name", "nationality", "shares"));
    BigInteger sum = holders.stream().map(h -> new BigInteger(h.get("shares").toString())).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(sum).isEqualTo(new BigInteger(record.get("total_shares").toString()));
  }

  @Test
  void vatRegistrationIsMappedFromTheSoapAnswerForCompaniesAndIndividuals() {
    String company = demo.vatRegisteredIds().stream().filter(id -> id.startsWith("0")).findFirst().orElseThrow();
    String person = demo.vatRegisteredIds().stream().filter(id -> !id.startsWith("0")).findFirst().orElseThrow();
    assertThat(demo.citizenIds()).contains(person);

    Map<String, Object> juristic = gateway.fetch(VAT, company, List.of("tax_id", "name_th", "registrant_type",
        "vat_registration_date", "status", "branches")).orElseThrow();
    assertThat(juristic).containsEntry("tax_id", company).containsEntry("registrant_type", "juristic_person");
    assertThat(list(juristic.get("branches")).getFirst()).containsEntry("branch_no", "00000").containsKeys("name", "address");

    Map<String, Object> individual = gateway.fetch(VAT, person, List.of("tax_id", "trade_name", "registrant_type"))
        .orElseThrow();
    assertThat(individual).containsEntry("registrant_type", "individual");
    assertThat((String) individual.get("trade_name")).startsWith("ร้าน");
  }

  @Test
  void subjectsTheSourcesDoNotHoldAreEmpty() {
    String unregistered = demo.juristicIds().stream().filter(id -> !demo.vatRegisteredIds().contains(id)).findFirst()
        .orElseThrow();
    assertThat(gateway.fetch(VAT, unregistered, List.of("tax_id"))).isEmpty();
    String unknown = SubjectId.withCheckDigit("010559999999");
    assertThat(gateway.fetch(CERTIFICATE, unknown, List.of("juristic_id"))).isEmpty();
    assertThat(gateway.fetch(SHAREHOLDERS, unknown, List.of("shareholders"))).isEmpty();
  }

  @Test
  void demoSourcesAreRealHttpServersThatRequireCredentials() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String port = environment.getProperty("hub.connectors.demo.servers.business-registry.port");
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/dbd/api/v1/juristic-persons/" + demo.juristicIds().getFirst())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    String vatPort = environment.getProperty("hub.connectors.demo.servers.revenue-department.port");
    HttpResponse<String> wsdl = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vatPort
        + "/rd/ws/vat?wsdl")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wsdl.statusCode()).isEqualTo(401);
  }

  @Test
  void aSlowJsonSourceIsSourceTimeoutWithinItsTimeout() {
    assertTimesOut("slow-business-registry.company-certificate", demo.juristicIds().getFirst());
  }

  @Test
  void aSlowSoapSourceIsSourceTimeoutWithinItsTimeout() {
    assertTimesOut("slow-revenue-department.vat-registration", demo.vatRegisteredIds().getFirst());
  }

  @Test
  void aDeadSourceIsSourceUnavailableItsCircuitOpensAndOtherSourcesAreUnaffected() throws Exception {
    String route = "flaky-revenue-department.vat-registration";
    String owner = demo.vatRegisteredIds().getFirst();
    DemoHttpServer server = systems.server("flaky-revenue-department");
    assertThat(gateway.fetch(route, owner, List.of("tax_id"))).isPresent();
    assertThat(status("flaky-revenue-department")).isEqualTo(Status.UP);

    server.close();
    try {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> gateway.fetch(route, owner, List.of("tax_id")))
            .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
      }
      long started = System.nanoTime();
      assertThatThrownBy(() -> gateway.fetch(route, owner, List.of("tax_id")))
          .isInstanceOfSatisfying(HubException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("circuit breaker is open");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
      assertThat(status("flaky-revenue-department")).isEqualTo(Status.DOWN);

      // Other datasets, on other sources, are served as before.
      assertThat(gateway.fetch(VAT, owner, List.of("tax_id"))).isPresent();
      assertThat(gateway.fetch(CERTIFICATE, demo.juristicIds().getFirst(), List.of("juristic_id"))).isPresent();
      assertThat(gateway.fetch("population-registry.civil-record", demo.citizenIds().getFirst(), List.of("citizen_id")))
          .isPresent();
    } finally {
      server.start();
    }
    // Back up: after the open period the breaker lets trial calls through and closes again.
    Optional<Map<String, Object>> recovered = Optional.empty();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (recovered.isEmpty() && System.nanoTime() < deadline) {
      try {
        recovered = gateway.fetch(route, owner, List.of("tax_id"));
      } catch (HubException e) {
        Thread.sleep(200);
      }
    }
    assertThat(recovered).isPresent();
    assertThat(status("flaky-revenue-department")).isEqualTo(Status.UP);
  }

  @Test
  void everySourceHasAHealthIndicatorAndEveryCallIsTimed() {
    assertThat(status("population-registry")).isEqualTo(Status.UP);
    assertThat(status("business-registry")).isEqualTo(Status.UP);
    assertThat(status("revenue-department")).isEqualTo(Status.UP);

    gateway.fetch(CERTIFICATE, demo.juristicIds().getFirst(), List.of("juristic_id"));
    Timer timer = meters.find(ConnectorGateway.TIMER).tags("route", CERTIFICATE, "source", "business-registry",
        "outcome", "found").timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isPositive();
    assertThat(meters.find("gdx.connector.circuit.state").tag("source", "business-registry").gauge().value()).isZero();
  }

  private void assertTimesOut(String route, String subject) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> gateway.fetch(route, subject, List.of("tax_id", "juristic_id")))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_TIMEOUT));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as("the 1s timeout, not the source's 5s delay").isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    Timer timer = meters.find(ConnectorGateway.TIMER).tags("route", route, "outcome", "source_timeout").timer();
    assertThat(timer).isNotNull();
  }

  private Status status(String source) {
    var composite = (CompositeHealthContributor) health.get("connectors");
    return ((HealthIndicator) composite.getContributor(source)).health().getStatus();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
