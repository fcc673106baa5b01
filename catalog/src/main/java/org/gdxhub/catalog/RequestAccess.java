package org.gdxhub.catalog;

import static org.gdxhub.catalog.RegisterDataset.notBlank;
import static org.gdxhub.catalog.RegisterDataset.require;

import java.util.List;

/**
 * A consuming agency asks for access. {@code unitOnly} limits the request (and the agreement)
 * to the caller's unit; otherwise the agreement covers every unit of the agency.
 */
public record RequestAccess(String datasetId, String purpose, String legalBasis, List<String> fields, boolean unitOnly) {

  public RequestAccess validated() {
    require(notBlank(datasetId), "datasetId is required");
    require(notBlank(purpose), "purpose is required");
    require(notBlank(legalBasis), "legalBasis is required");
    require(fields != null && !fields.isEmpty(), "at least one field is required");
    return this;
  }
}
