package org.gdxhub.catalog.internal;

import java.util.List;

import org.gdxhub.catalog.AccessRequest;
import org.gdxhub.catalog.AccessRequestStatus;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.AgreementStatus;
import org.gdxhub.catalog.AmendAgreement;
import org.gdxhub.catalog.ApproveAccess;
import org.gdxhub.catalog.RequestAccess;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST API for access requests (consumer) and their approval or rejection (owner). */
@RestController
@RequestMapping("/api/v1")
class AgreementController {

  private final AgreementService agreements;

  AgreementController(AgreementService agreements) {
    this.agreements = agreements;
  }

  @PostMapping("/access-requests")
  @ResponseStatus(HttpStatus.CREATED)
  AccessRequest request(CallerIdentity caller, @RequestBody RequestAccess command) {
    return agreements.requestAccess(caller, command);
  }

  @GetMapping("/access-requests")
  List<AccessRequest> requests(@RequestParam(required = false) String dataset,
      @RequestParam(required = false) String consumer, @RequestParam(required = false) String status) {
    AccessRequestStatus parsed = null;
    if (status != null) {
      try {
        parsed = AccessRequestStatus.fromWire(status);
      } catch (IllegalArgumentException e) {
        throw new HubException(ErrorCode.INVALID_REQUEST, "status must be pending, approved or rejected");
      }
    }
    return agreements.accessRequests(dataset, consumer, parsed);
  }

  @GetMapping("/access-requests/{id}")
  AccessRequest accessRequest(@PathVariable String id) {
    return agreements.accessRequest(id)
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_ACCESS_REQUEST, "no access request " + id));
  }

  @PostMapping("/access-requests/{id}/approve")
  Agreement approve(CallerIdentity caller, @PathVariable String id, @RequestBody ApproveAccess command) {
    return agreements.approve(caller, id, command);
  }

  @PostMapping("/access-requests/{id}/reject")
  AccessRequest reject(CallerIdentity caller, @PathVariable String id, @RequestBody Rejection rejection) {
    return agreements.reject(caller, id, rejection.reason());
  }

  @GetMapping("/agreements")
  List<Agreement> agreements(@RequestParam(required = false) String consumer,
      @RequestParam(required = false) String dataset) {
    return agreements.agreements(consumer, dataset);
  }

  @GetMapping("/agreements/{id}")
  Agreement agreement(@PathVariable String id) {
    return agreements.agreement(id)
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_AGREEMENT, "no agreement " + id));
  }

  /** Amends an agreement; {@code version} is the version the caller read (optimistic locking). */
  @PostMapping("/agreements/{id}/amend")
  Agreement amend(CallerIdentity caller, @PathVariable String id, @RequestParam int version,
      @RequestBody AmendAgreement command) {
    return agreements.amend(caller, id, version, command);
  }

  @PostMapping("/agreements/{id}/suspend")
  Agreement suspend(CallerIdentity caller, @PathVariable String id, @RequestParam int version) {
    return agreements.changeStatus(caller, id, version, AgreementStatus.SUSPENDED);
  }

  @PostMapping("/agreements/{id}/reinstate")
  Agreement reinstate(CallerIdentity caller, @PathVariable String id, @RequestParam int version) {
    return agreements.changeStatus(caller, id, version, AgreementStatus.APPROVED);
  }

  @PostMapping("/agreements/{id}/revoke")
  Agreement revoke(CallerIdentity caller, @PathVariable String id, @RequestParam int version) {
    return agreements.changeStatus(caller, id, version, AgreementStatus.REVOKED);
  }

  record Rejection(String reason) {}
}
