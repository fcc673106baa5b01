package org.gdxhub.catalog;

import java.time.Instant;
import java.util.List;

/** A dataset an owner agency offers through the hub, served by the named connector route. */
public record Dataset(
    String id,
    String titleTh,
    String titleEn,
    String ownerAgency,
    String description,
    Classification classification,
    String legalBasis,
    DatasetStatus status,
    String connector,
    List<DatasetField> fields,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  public Dataset {
    fields = List.copyOf(fields);
  }

  public List<String> fieldNames() {
    return fields.stream().map(DatasetField::name).toList();
  }
}
