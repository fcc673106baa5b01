package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.connectors.ConnectorsTestApplication;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.connectors.RecordingChangeEventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The population-registry routes (JDBC) against the seeded demo registry, through the gateway
 * the hub uses. Subclasses choose the registry's database engine (H2, PostgreSQL).
 */
@SpringBootTest(classes = ConnectorsTestApplication.class)
abstract class PopulationRegistryRouteContract {

  static final String CIVIL_RECORD = "population-registry.civil-record";
  static final String HOUSE_REGISTRATION = "population-registry.house-registration";
  static final String MOVE_HISTORY = "population-registry.move-history";

  @Autowired
  ConnectorGateway gateway;
  @Autowired
  PopulationRegistry registry;
  @Autowired
  CamelContext camel;
  @Autowired
  RecordingChangeEventHandler hub;

  @Test
  void demoRegistryHoldsSyntheticCitizensWithValidCheckDigits() {
    List<String> ids = registry.sampleCitizenIds(300);
    assertThat(ids).hasSize(300).allMatch(SubjectId::isValidThirteenDigit);
  }

  @Test
  void routesHaveStableIds() {
    assertThat(List.of(CIVIL_RECORD, HOUSE_REGISTRATION, MOVE_HISTORY)).allSatisfy(id ->
        assertThat(camel.getRoute(id)).as(id).isNotNull());
  }

  @Test
  void civilRecordFetchesTheReleasedFieldsOnly() {
    String citizen = registry.sampleCitizenIds(1).getFirst();
    Map<String, Object> record = gateway.fetch(CIVIL_RECORD, citizen, List.of("first_name_th", "citizen_id", "address",
        "birth_date")).orElseThrow();
    assertThat(record).containsOnlyKeys("first_name_th", "citizen_id", "address", "birth_date");
    assertThat(record.get("citizen_id")).isEqualTo(citizen);
    assertThat((String) record.get("address")).contains("จ.");
    assertThat((String) record.get("birth_date")).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void houseRegistrationListsTheMembersWithTheHeadOfHouse() {
    String citizen = registry.sampleCitizenIds(1).getFirst();
    Map<String, Object> house = gateway.fetch(HOUSE_REGISTRATION, citizen,
        List.of("house_id", "address", "head_citizen_id", "head_name_th", "members")).orElseThrow();
    String houseId = (String) house.get("house_id");
    assertThat(houseId).hasSize(11);
    List<Map<String, Object>> members = members(house.get("members"));
    List<String> expected = jdbc().sql("select citizen_id from citizen where house_id = ? order by citizen_id")
        .param(houseId).query(String.class).list();
    assertThat(members).extracting(m -> (String) m.get("citizen_id")).containsExactlyInAnyOrderElementsOf(expected)
        .contains(citizen);
    assertThat(members).filteredOn(m -> "head".equals(m.get("role"))).singleElement()
        .satisfies(head -> assertThat(head.get("citizen_id")).isEqualTo(house.get("head_citizen_id")));
    assertThat(members.getFirst()).containsKeys("title_th", "first_name_th", "last_name_th", "birth_date", "status");
    assertThat((String) members.getFirst().get("birth_date")).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat((String) house.get("head_name_th")).isNotBlank();
  }

  @Test
  void moveHistoryListsMovesInOrderEndingInTheCurrentHouse() {
    String mover = jdbc().sql("select citizen_id from house_move where direction = 'out' order by citizen_id")
        .query(String.class).list().getFirst();
    Map<String, Object> history = gateway.fetch(MOVE_HISTORY, mover, List.of("citizen_id", "current_house_id", "moves"))
        .orElseThrow();
    List<Map<String, Object>> moves = members(history.get("moves"));
    assertThat(moves).hasSizeGreaterThanOrEqualTo(3);
    assertThat(moves).extracting(m -> (String) m.get("direction")).startsWith("in", "out").endsWith("in");
    assertThat(moves.getLast().get("house_id")).isEqualTo(history.get("current_house_id"));
    assertThat(moves).extracting(m -> (String) m.get("moved_on")).isSorted();
    assertThat((String) moves.getFirst().get("address")).contains("จ.");
  }

  @Test
  void unknownSubjectIsEmptyInEveryFlow() {
    String nobody = SubjectId.withCheckDigit("899999999999");
    assertThat(gateway.fetch(CIVIL_RECORD, nobody, List.of("citizen_id"))).isEmpty();
    assertThat(gateway.fetch(HOUSE_REGISTRATION, nobody, List.of("members"))).isEmpty();
    assertThat(gateway.fetch(MOVE_HISTORY, nobody, List.of("moves"))).isEmpty();
  }

  @Test
  void unknownRouteIsSourceUnavailable() {
    assertThatThrownBy(() -> gateway.fetch("no-such.route", "1", List.of()))
        .isInstanceOfSatisfying(HubException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE));
  }

  @Test
  void recordedDeathsAndMovesArePublishedAsChangeEvents() {
    List<String> living = registry.sampleLivingCitizenIds(300);
    String dying = living.getLast();
    String moving = living.get(living.size() - 2);
    String death = registry.recordDeath(dying, LocalDate.of(2026, 11, 20));
    String move = registry.recordMove(moving, null, LocalDate.of(2026, 11, 21));

    assertThat(ChangeEventRoutesIT.await(() -> !hub.handled(death).isEmpty() && !hub.handled(move).isEmpty()))
        .as("both published and handed to the hub").isTrue();
    assertThat(hub.handled(death).getFirst().record()).containsEntry("date_of_death", "2026-11-20")
        .containsEntry("citizen_id", dying);
    Map<String, Object> moved = hub.handled(move).getFirst().record();
    assertThat((String) moved.get("to_address")).contains("จ.");
    assertThat(ChangeEventRoutesIT.await(() -> registry.unpublishedChanges() == 0)).isTrue();

    assertThat(gateway.fetch(CIVIL_RECORD, dying, List.of("status")).orElseThrow()).containsEntry("status", "dead");
    Map<String, Object> history = gateway.fetch(MOVE_HISTORY, moving, List.of("current_house_id", "moves")).orElseThrow();
    assertThat(history.get("current_house_id")).isEqualTo(moved.get("to_house_id"));
    assertThat(members(history.get("moves")).getLast()).containsEntry("moved_on", "2026-11-21")
        .containsEntry("direction", "in");

    assertThatThrownBy(() -> registry.recordDeath(dying, LocalDate.of(2026, 11, 22)))
        .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE));
    assertThatThrownBy(() -> registry.recordDeath(SubjectId.withCheckDigit("899999999999"), LocalDate.of(2026, 11, 22)))
        .isInstanceOfSatisfying(HubException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SUBJECT_NOT_FOUND));
  }

  JdbcClient jdbc() {
    return JdbcClient.create(registry.dataSource());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> members(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
