package org.gdxhub.ledger.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.ChainVerification;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerQuery;
import org.gdxhub.ledger.LedgerService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The committee's view of the ledger: search, one entry, and chain verification. */
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerController {

  private final LedgerService ledger;

  LedgerController(LedgerService ledger) {
    this.ledger = ledger;
  }

  @GetMapping
  List<LedgerEntry> search(
      @RequestParam(required = false) String agency,
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) String officer,
      @RequestParam(required = false) String dataset,
      @RequestParam(required = false) String decision,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (decision != null && !decision.equals("allow") && !decision.equals("deny")) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "decision must be allow or deny");
    }
    if (limit < 1 || limit > LedgerQuery.MAX_LIMIT || offset < 0) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "limit must be 1.." + LedgerQuery.MAX_LIMIT + " and offset >= 0");
    }
    return ledger.search(new LedgerQuery(agency, unit, officer, dataset, decision, instant("from", from),
        instant("to", to), limit, offset));
  }

  @GetMapping("/verify")
  ChainVerification verify() {
    return ledger.verify();
  }

  @GetMapping("/{id}")
  LedgerEntry entry(@PathVariable String id) {
    return ledger.entry(id).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND, "no ledger entry " + id));
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, name + " must be an ISO-8601 instant, e.g. 2026-11-23T00:00:00Z");
    }
  }
}
