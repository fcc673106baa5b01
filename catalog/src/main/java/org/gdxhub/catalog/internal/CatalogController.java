package org.gdxhub.catalog.internal;

import java.util.List;

import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetStatus;
import org.gdxhub.catalog.RegisterDataset;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST API of the catalog: agencies and datasets. */
@RestController
@RequestMapping("/api/v1")
class CatalogController {

  private final CatalogService catalog;

  CatalogController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/agencies")
  List<Agency> agencies() {
    return catalog.agencies();
  }

  @PostMapping("/agencies")
  @ResponseStatus(HttpStatus.CREATED)
  Agency registerAgency(@RequestBody Agency agency) {
    return catalog.registerAgency(agency);
  }

  @GetMapping("/datasets")
  List<Dataset> datasets(@RequestParam(required = false) String status, @RequestParam(required = false) String owner) {
    DatasetStatus parsed = null;
    if (status != null) {
      try {
        parsed = DatasetStatus.fromWire(status);
      } catch (IllegalArgumentException e) {
        throw new HubException(ErrorCode.INVALID_REQUEST, "status must be draft, published or retired");
      }
    }
    return catalog.datasets(parsed, owner);
  }

  @GetMapping("/datasets/{id}")
  Dataset dataset(@PathVariable String id) {
    return catalog.requireDataset(id);
  }

  @PostMapping("/datasets")
  @ResponseStatus(HttpStatus.CREATED)
  Dataset register(CallerIdentity caller, @RequestBody RegisterDataset command) {
    return catalog.register(caller, command);
  }

  /** Edits a draft or published dataset; {@code version} is the version the caller read. */
  @PutMapping("/datasets/{id}")
  Dataset edit(CallerIdentity caller, @PathVariable String id, @RequestParam int version,
      @RequestBody RegisterDataset command) {
    return catalog.edit(caller, id, version, command);
  }

  @PostMapping("/datasets/{id}/publish")
  Dataset publish(CallerIdentity caller, @PathVariable String id) {
    return catalog.publish(caller, id);
  }

  @PostMapping("/datasets/{id}/retire")
  Dataset retire(CallerIdentity caller, @PathVariable String id) {
    return catalog.retire(caller, id);
  }
}
