package org.gdxhub.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.connectors.internal.FieldProjection;
import org.junit.jupiter.api.Test;

class FieldProjectionTest {

  private final FieldProjection projection = new FieldProjection();

  @Test
  void keepsOnlyReleasedFieldsInReleasedOrder() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("CITIZEN_ID", "1101700230708");
    record.put("FIRST_NAME_TH", "สมชาย");
    record.put("FACE_IMAGE", "face://x.jpg");
    record.put("BIRTH_DATE", Date.valueOf(LocalDate.of(1980, 2, 29)));

    Map<String, Object> projected = projection.project(record, List.of("birth_date", "citizen_id"));

    assertThat(projected).containsExactly(Map.entry("birth_date", "1980-02-29"), Map.entry("citizen_id", "1101700230708"));
  }

  @Test
  void releasedFieldMissingFromTheSourceIsLeftOut() {
    assertThat(projection.project(Map.of("citizen_id", "1"), List.of("citizen_id", "address"))).containsOnlyKeys("citizen_id");
  }

  @Test
  void noRecordStaysNoRecord() {
    assertThat(projection.project(null, List.of("citizen_id"))).isNull();
  }
}
