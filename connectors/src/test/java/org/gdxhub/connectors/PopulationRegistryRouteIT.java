package org.gdxhub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The population-registry route against the seeded demo registry, through the gateway the hub uses. */
@SpringBootTest(classes = ConnectorsTestApplication.class)
class PopulationRegistryRouteIT {

  static final String ROUTE = "population-registry.civil-record";

  @Autowired
  ConnectorGateway gateway;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  CamelContext camel;

  @Test
  void demoRegistryHoldsSyntheticCitizensWithValidCheckDigits() {
    List<String> ids = registry.sampleCitizenIds(300);
    assertThat(ids).hasSize(300).allMatch(SubjectId::isValidThirteenDigit);
  }

  @Test
  void routeHasAStableIdAndFetchesTheReleasedFieldsOnly() {
    assertThat(camel.getRoute(ROUTE)).isNotNull();
    String citizen = registry.sampleCitizenIds(1).getFirst();
    Map<String, Object> record = gateway.fetch(ROUTE, citizen, List.of("first_name_th", "citizen_id", "address"))
        .orElseThrow();
    assertThat(record).containsOnlyKeys("first_name_th", "citizen_id", "address");
    assertThat(record.get("citizen_id")).isEqualTo(citizen);
    assertThat((String) record.get("address")).contains("จ.");
  }

  @Test
  void unknownSubjectIsEmpty() {
    assertThat(gateway.fetch(ROUTE, SubjectId.withCheckDigit("899999999999"), List.of("citizen_id"))).isEmpty();
  }

  @Test
  void unknownRouteIsSourceUnavailable() {
    assertThatThrownBy(() -> gateway.fetch("no-such.route", "1", List.of()))
        .isInstanceOfSatisfying(HubException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
  }

  @Test
  @DirtiesContext
  void failingSourceIsSourceUnavailable() throws Exception {
    AdviceWith.adviceWith(camel, ROUTE, route -> route.weaveById(ROUTE + ".query").replace()
        .throwException(new SQLException("connection refused")));
    String citizen = registry.sampleCitizenIds(1).getFirst();
    assertThatThrownBy(() -> gateway.fetch(ROUTE, citizen, List.of("citizen_id")))
        .isInstanceOfSatisfying(HubException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
          assertThat(e.getCause()).hasMessage("connection refused");
        });
  }
}
