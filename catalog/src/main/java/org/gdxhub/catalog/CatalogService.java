package org.gdxhub.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gdxhub.catalog.internal.JdbcCatalogStore;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers agencies and datasets and moves datasets through draft → published → retired. */
@Service
public class CatalogService {

  private final JdbcCatalogStore store;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public CatalogService(JdbcCatalogStore store, Clock clock, ApplicationEventPublisher events) {
    this.store = store;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public Agency registerAgency(Agency agency) {
    RegisterDataset.require(agency.code() != null && agency.code().matches("[a-z0-9][a-z0-9-]{1,63}"),
        "agency code must be 2-64 lowercase letters, digits or '-'");
    RegisterDataset.require(RegisterDataset.notBlank(agency.nameTh()) && RegisterDataset.notBlank(agency.nameEn()),
        "nameTh and nameEn are required");
    if (store.findAgency(agency.code()).isPresent()) {
      throw new HubException(ErrorCode.ALREADY_EXISTS, "agency " + agency.code() + " already exists");
    }
    store.insertAgency(agency);
    events.publishEvent(new AgencyRegistered(agency));
    return agency;
  }

  @Transactional(readOnly = true)
  public Optional<Agency> agency(String code) {
    return store.findAgency(code);
  }

  @Transactional(readOnly = true)
  public List<Agency> agencies() {
    return store.agencies();
  }

  /** The caller's agency becomes the dataset's owner; the dataset starts as a draft. */
  @Transactional
  public Dataset register(CallerIdentity caller, RegisterDataset command) {
    caller.requireIdentified();
    command.validated();
    if (store.findAgency(caller.agency()).isEmpty()) {
      throw new HubException(ErrorCode.UNKNOWN_AGENCY, "agency " + caller.agency() + " is not registered");
    }
    if (store.findDataset(command.id()).isPresent()) {
      throw new HubException(ErrorCode.ALREADY_EXISTS, "dataset " + command.id() + " already exists");
    }
    Instant now = clock.instant();
    var dataset = new Dataset(command.id(), command.titleTh(), command.titleEn(), caller.agency(),
        command.description(), command.classification(), command.legalBasis(), DatasetStatus.DRAFT,
        command.connector(), command.fields(), 1, now, now);
    store.insertDataset(dataset);
    events.publishEvent(new DatasetChanged(null, dataset, "registered", actor(caller)));
    return dataset;
  }

  @Transactional
  public Dataset publish(CallerIdentity caller, String datasetId) {
    Dataset dataset = owned(caller, datasetId);
    if (dataset.status() != DatasetStatus.DRAFT) {
      throw new HubException(ErrorCode.INVALID_STATE, "only a draft can be published; dataset is " + dataset.status().wire());
    }
    if (dataset.connector() == null || dataset.connector().isBlank()) {
      throw new HubException(ErrorCode.INVALID_STATE, "dataset has no connector to serve it");
    }
    return transition(caller, dataset, DatasetStatus.PUBLISHED, "published");
  }

  @Transactional
  public Dataset retire(CallerIdentity caller, String datasetId) {
    Dataset dataset = owned(caller, datasetId);
    if (dataset.status() == DatasetStatus.RETIRED) {
      throw new HubException(ErrorCode.INVALID_STATE, "dataset is already retired");
    }
    return transition(caller, dataset, DatasetStatus.RETIRED, "retired");
  }

  private Dataset transition(CallerIdentity caller, Dataset dataset, DatasetStatus to, String change) {
    if (!store.updateStatus(dataset.id(), dataset.version(), to, clock.instant())) {
      throw new HubException(ErrorCode.INVALID_STATE, "dataset changed concurrently; retry");
    }
    Dataset after = store.findDataset(dataset.id()).orElseThrow();
    events.publishEvent(new DatasetChanged(dataset, after, change, actor(caller)));
    return after;
  }

  static String actor(CallerIdentity caller) {
    return caller.agency() + "/" + caller.unit() + "/" + caller.officer();
  }

  @Transactional(readOnly = true)
  public Optional<Dataset> dataset(String id) {
    return store.findDataset(id);
  }

  public Dataset requireDataset(String id) {
    return dataset(id).orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_DATASET, "no dataset " + id));
  }

  @Transactional(readOnly = true)
  public List<Dataset> datasets(DatasetStatus status, String ownerAgency) {
    return store.datasets(status, ownerAgency);
  }

  private Dataset owned(CallerIdentity caller, String datasetId) {
    caller.requireIdentified();
    Dataset dataset = requireDataset(datasetId);
    if (!dataset.ownerAgency().equals(caller.agency())) {
      throw new HubException(ErrorCode.NOT_DATASET_OWNER, "dataset " + datasetId + " belongs to " + dataset.ownerAgency());
    }
    return dataset;
  }
}
