package org.gdxhub.governance.internal;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.governance.PolicyReplayService;
import org.gdxhub.governance.ReplayReport;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/governance/policy-replay?last=N} with a candidate Wasm bundle as the
 * body (application/gzip, application/wasm or application/octet-stream). Committee only.
 */
@RestController
@RequestMapping("/api/v1/governance")
class PolicyReplayController {

  static final String COMMITTEE_ROLE = "committee";

  private final PolicyReplayService replay;

  PolicyReplayController(PolicyReplayService replay) {
    this.replay = replay;
  }

  @PostMapping(value = "/policy-replay",
      consumes = {"application/gzip", "application/x-gzip", "application/wasm", "application/octet-stream"})
  ReplayReport replay(CallerIdentity caller, @RequestParam(defaultValue = "1000") int last,
      @RequestBody byte[] candidate) {
    caller.requireIdentified();
    if (!caller.roles().contains(COMMITTEE_ROLE)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "policy replay is for the governance committee (role committee)");
    }
    return replay.replay(candidate, last);
  }
}
