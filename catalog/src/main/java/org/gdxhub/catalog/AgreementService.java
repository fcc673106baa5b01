package org.gdxhub.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gdxhub.catalog.internal.JdbcAgreementStore;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Access requests from consumers, the owner's approval or rejection, and the agreements that result. */
@Service
public class AgreementService {

  private final JdbcAgreementStore store;
  private final CatalogService catalog;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public AgreementService(JdbcAgreementStore store, CatalogService catalog, Clock clock,
      ApplicationEventPublisher events) {
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public AccessRequest requestAccess(CallerIdentity caller, RequestAccess command) {
    caller.requireIdentified();
    command.validated();
    if (catalog.agency(caller.agency()).isEmpty()) {
      throw new HubException(ErrorCode.UNKNOWN_AGENCY, "agency " + caller.agency() + " is not registered");
    }
    Dataset dataset = catalog.requireDataset(command.datasetId());
    if (dataset.status() != DatasetStatus.PUBLISHED) {
      throw new HubException(ErrorCode.INVALID_STATE, "access can be requested only to a published dataset");
    }
    List<String> unknown = command.fields().stream().filter(f -> !dataset.fieldNames().contains(f)).toList();
    if (!unknown.isEmpty()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "unknown fields " + unknown).with("fields", unknown);
    }
    var request = new AccessRequest(UUID.randomUUID().toString(), dataset.id(), caller.agency(),
        command.unitOnly() ? caller.unit() : null, command.purpose(), command.legalBasis(),
        command.fields().stream().distinct().toList(), AccessRequestStatus.PENDING, caller.officer(),
        clock.instant(), null, null, null, null);
    store.insertRequest(request);
    events.publishEvent(new AccessRequestChanged(request, "submitted", CatalogService.actor(caller)));
    return request;
  }

  /** The owner approves: the request becomes version 1 of an agreement. */
  @Transactional
  public Agreement approve(CallerIdentity caller, String requestId, ApproveAccess command) {
    command.validated();
    AccessRequest request = pendingRequestOwnedBy(caller, requestId);
    List<String> fields = command.fields() == null || command.fields().isEmpty() ? request.fields() : command.fields();
    List<String> notRequested = fields.stream().filter(f -> !request.fields().contains(f)).toList();
    if (!notRequested.isEmpty()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "cannot grant fields that were not requested: " + notRequested);
    }
    Instant now = clock.instant();
    var agreement = new Agreement(UUID.randomUUID().toString(), 1, request.datasetId(), caller.agency(),
        request.consumerAgency(), request.consumerUnit() == null ? List.of() : List.of(request.consumerUnit()),
        List.of(request.purpose()), Map.of(request.purpose(), fields), List.of(request.legalBasis()), fields,
        command.validFrom(), command.validUntil(), AgreementStatus.APPROVED, command.onlineAccess(),
        command.dailyQuota() == null ? 0 : command.dailyQuota(), caller.officer(), now, request.id());
    store.insertAgreement(agreement);
    if (!store.decideRequest(requestId, AccessRequestStatus.APPROVED, caller.officer(), now, null, agreement.id())) {
      throw new HubException(ErrorCode.INVALID_STATE, "access request was decided concurrently");
    }
    events.publishEvent(new AgreementChanged(agreement, "approved"));
    return agreement;
  }

  /**
   * The owner amends an agreement; the result is the next version. {@code expectedVersion}
   * guards against lost updates: an amendment based on an older version is refused.
   */
  @Transactional
  public Agreement amend(CallerIdentity caller, String agreementId, int expectedVersion, AmendAgreement command) {
    command.validated();
    Agreement current = ownedAgreement(caller, agreementId, expectedVersion);
    if (current.status() == AgreementStatus.REVOKED) {
      throw new HubException(ErrorCode.INVALID_STATE, "a revoked agreement cannot be amended");
    }
    var purposes = new ArrayList<>(current.purposes());
    var purposeFields = new LinkedHashMap<>(current.purposeFields());
    if (command.addPurpose() != null) {
      RegisterDataset.require(!command.addPurpose().isBlank(), "addPurpose must not be blank");
      if (!purposes.contains(command.addPurpose())) {
        purposes.add(command.addPurpose());
      }
      List<String> needed = command.purposeFields() == null ? current.fields() : command.purposeFields();
      List<String> notGranted = needed.stream().filter(f -> !current.fields().contains(f)).toList();
      RegisterDataset.require(notGranted.isEmpty(), "purposeFields must be granted fields; not granted: " + notGranted);
      purposeFields.put(command.addPurpose(), needed);
    }
    var legalBases = new ArrayList<>(current.legalBases());
    if (command.addLegalBasis() != null && !legalBases.contains(command.addLegalBasis())) {
      legalBases.add(command.addLegalBasis());
    }
    LocalDate validUntil = command.validUntil() == null ? current.validUntil() : command.validUntil();
    RegisterDataset.require(!validUntil.isBefore(current.validFrom()), "validUntil must not be before validFrom");
    Agreement next = current.nextVersion(purposes, purposeFields, legalBases, validUntil, current.status(),
        command.onlineAccess() == null ? current.onlineAccess() : command.onlineAccess(),
        command.dailyQuota() == null ? current.dailyQuota() : command.dailyQuota());
    return save(caller, current, next, "amended");
  }

  /** The owner suspends (reversible by {@link #reinstate}) or revokes (final) an agreement. */
  @Transactional
  public Agreement changeStatus(CallerIdentity caller, String agreementId, int expectedVersion, AgreementStatus to) {
    Agreement current = ownedAgreement(caller, agreementId, expectedVersion);
    if (current.status() == AgreementStatus.REVOKED || current.status() == to) {
      throw new HubException(ErrorCode.INVALID_STATE, "agreement is already " + current.status().wire());
    }
    Agreement next = current.nextVersion(current.purposes(), current.purposeFields(), current.legalBases(),
        current.validUntil(), to, current.onlineAccess(), current.dailyQuota());
    return save(caller, current, next, to == AgreementStatus.APPROVED ? "reinstated" : to.wire());
  }

  private Agreement save(CallerIdentity caller, Agreement current, Agreement next, String change) {
    if (!store.updateAgreement(next, current.version(), caller.officer(), clock.instant())) {
      throw new HubException(ErrorCode.VERSION_CONFLICT, "agreement changed concurrently; reload and retry")
          .with("currentVersion", store.findAgreement(current.id()).map(Agreement::version).orElse(null));
    }
    events.publishEvent(new AgreementChanged(next, change));
    return next;
  }

  private Agreement ownedAgreement(CallerIdentity caller, String agreementId, int expectedVersion) {
    caller.requireIdentified();
    Agreement current = store.findAgreement(agreementId)
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_AGREEMENT, "no agreement " + agreementId));
    if (!current.ownerAgency().equals(caller.agency())) {
      throw new HubException(ErrorCode.NOT_DATASET_OWNER, "only " + current.ownerAgency() + " may change this agreement");
    }
    if (current.version() != expectedVersion) {
      throw new HubException(ErrorCode.VERSION_CONFLICT,
          "agreement is at version " + current.version() + ", not " + expectedVersion + "; reload and retry")
          .with("currentVersion", current.version());
    }
    return current;
  }

  @Transactional
  public AccessRequest reject(CallerIdentity caller, String requestId, String reason) {
    RegisterDataset.require(RegisterDataset.notBlank(reason), "a reason is required to reject");
    pendingRequestOwnedBy(caller, requestId);
    if (!store.decideRequest(requestId, AccessRequestStatus.REJECTED, caller.officer(), clock.instant(), reason, null)) {
      throw new HubException(ErrorCode.INVALID_STATE, "access request was decided concurrently");
    }
    AccessRequest rejected = store.findRequest(requestId).orElseThrow();
    events.publishEvent(new AccessRequestChanged(rejected, "rejected", CatalogService.actor(caller)));
    return rejected;
  }

  private AccessRequest pendingRequestOwnedBy(CallerIdentity caller, String requestId) {
    caller.requireIdentified();
    AccessRequest request = store.findRequest(requestId)
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_ACCESS_REQUEST, "no access request " + requestId));
    Dataset dataset = catalog.requireDataset(request.datasetId());
    if (!dataset.ownerAgency().equals(caller.agency())) {
      throw new HubException(ErrorCode.NOT_DATASET_OWNER, "only " + dataset.ownerAgency() + " may decide this request");
    }
    if (request.status() != AccessRequestStatus.PENDING) {
      throw new HubException(ErrorCode.INVALID_STATE, "access request is already " + request.status().wire());
    }
    return request;
  }

  @Transactional(readOnly = true)
  public Optional<AccessRequest> accessRequest(String id) {
    return store.findRequest(id);
  }

  @Transactional(readOnly = true)
  public List<AccessRequest> accessRequests(String datasetId, String consumerAgency, AccessRequestStatus status) {
    return store.requests(datasetId, consumerAgency, status);
  }

  @Transactional(readOnly = true)
  public Optional<Agreement> agreement(String id) {
    return store.findAgreement(id);
  }

  @Transactional(readOnly = true)
  public List<Agreement> agreements(String consumerAgency, String datasetId) {
    return store.agreements(consumerAgency, datasetId);
  }

  @Transactional(readOnly = true)
  public List<Integer> revisions(String agreementId) {
    return store.revisions(agreementId);
  }

  /**
   * The agreement a lookup is decided against: the consumer's agreement for the dataset that
   * is active on {@code date}, else the most recent one (so the policy can say why it no longer
   * applies), else none.
   */
  @Transactional(readOnly = true)
  public Optional<Agreement> agreementForLookup(String consumerAgency, String datasetId, LocalDate date) {
    return forLookup(store.agreements(consumerAgency, datasetId), date);
  }

  /** Of one consumer's agreements for one dataset: the one active on {@code date}, else the most recent. */
  static Optional<Agreement> forLookup(List<Agreement> candidates, LocalDate date) {
    return candidates.stream()
        .min(Comparator.comparing((Agreement a) -> !a.activeOn(date)).thenComparing(Agreement::approvedAt,
            Comparator.reverseOrder()));
  }
}
