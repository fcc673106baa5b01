package org.gdxhub.ledger.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.AdminAuditEvent;
import org.gdxhub.ledger.AdminAuditService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin stream for auditors and the committee: the events, and a verification of its hash chain. */
@RestController
@RequestMapping("/api/v1/ledger/admin-audit")
class AdminAuditController {

  private final AdminAuditService audit;

  AdminAuditController(AdminAuditService audit) {
    this.audit = audit;
  }

  @GetMapping
  List<AdminAuditEvent> events(@RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 1000 || offset < 0) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "limit must be 1..1000 and offset >= 0");
    }
    return audit.events(limit, offset);
  }

  @GetMapping("/verify")
  Map<String, Object> verify() {
    long broken = audit.firstBroken();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("valid", broken < 0);
    body.put("events", audit.count());
    if (broken >= 0) {
      body.put("firstBrokenSeq", broken);
    }
    return body;
  }
}
