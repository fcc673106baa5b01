package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gdxhub.connectors.ConnectorsProperties.Stream;
import org.gdxhub.connectors.SubjectChanged;
import org.junit.jupiter.api.Test;

class ChangeEventMapperTest {

  static final String CITIZEN = "1101700230708";
  final ChangeEventMapper mapper = new ChangeEventMapper("population-registry",
      new Stream(true, "population-registry.changes", "civil-registration-events", "citizen_id", "citizen_id"));

  @Test
  void theRecordsMembersAreTheCanonicalFields() {
    SubjectChanged event = mapper.map("""
        {"event_id":"e-1","event_type":"death_recorded","citizen_id":"%s","date_of_death":"2026-11-20",
         "to_address":null,"count":3}""".formatted(CITIZEN));
    assertThat(event.eventId()).isEqualTo("e-1");
    assertThat(event.eventType()).isEqualTo("death_recorded");
    assertThat(event.subjectId()).isEqualTo(CITIZEN);
    assertThat(event.datasetId()).isEqualTo("civil-registration-events");
    assertThat(event.record()).containsOnlyKeys("event_id", "event_type", "citizen_id", "date_of_death", "count")
        .containsEntry("count", 3);
    assertThat(event.toString()).doesNotContain(CITIZEN).contains("e-1");
  }

  @Test
  void aRecordWithoutItsRequiredMembersIsMalformedAndTheMessageNamesNoValue() {
    assertThatThrownBy(() -> mapper.map("{\"event_id\":\"e-1\",\"event_type\":\"death_recorded\"}"))
        .isInstanceOf(MalformedChangeEvent.class).hasMessageContaining("citizen_id");
    assertThatThrownBy(() -> mapper.map("{\"event_id\":\"e-1\",\"event_type\":\"Death\",\"citizen_id\":\"" + CITIZEN + "\"}"))
        .isInstanceOf(MalformedChangeEvent.class).message().doesNotContain(CITIZEN);
    assertThatThrownBy(() -> mapper.map("{\"event_id\":\"e-1\",\"event_type\":\"x\",\"citizen_id\":\"" + CITIZEN
        + "\",\"Bad Name\":1}")).isInstanceOf(MalformedChangeEvent.class).message().doesNotContain(CITIZEN);
    assertThatThrownBy(() -> mapper.map("not json")).isInstanceOf(MalformedChangeEvent.class);
    assertThatThrownBy(() -> mapper.map(null)).isInstanceOf(MalformedChangeEvent.class);
  }
}
