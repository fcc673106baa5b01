package org.gdxhub.ledger.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerAuditService;
import org.gdxhub.ledger.LedgerCheckpoint;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerQuery;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.ledger.LedgerVerification;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The committee's view of the ledger: search, one entry, verification (chain and signed
 * checkpoints), checkpoints, the signing certificate, and exports for offline verification.
 */
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerController {

  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final LedgerService ledger;
  private final LedgerAuditService audit;

  LedgerController(LedgerService ledger, LedgerAuditService audit) {
    this.ledger = ledger;
    this.audit = audit;
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
  LedgerVerification verify() {
    return audit.verify();
  }

  /** Entries {@code from..to} with their checkpoints and certificates, as JSON lines for {@code ledger-verify}. */
  @GetMapping("/export")
  ResponseEntity<StreamingResponseBody> export(
      @RequestParam(defaultValue = "1") long from,
      @RequestParam(defaultValue = "" + Long.MAX_VALUE) long to) {
    if (from < 1 || to < from) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "from must be >= 1 and to >= from");
    }
    String name = "gdx-ledger-" + from + "-" + (to == Long.MAX_VALUE ? "head" : Long.toString(to)) + ".jsonl";
    return ResponseEntity.ok()
        .contentType(NDJSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(out -> audit.export(from, to, out));
  }

  @GetMapping("/checkpoints")
  List<LedgerCheckpoint> checkpoints(
      @RequestParam(defaultValue = "1") long from,
      @RequestParam(defaultValue = "" + Long.MAX_VALUE) long to) {
    return audit.checkpoints(from, to);
  }

  /** Signs the chain head now (before an export), unless it is signed already. */
  @PostMapping("/checkpoints")
  ResponseEntity<LedgerCheckpoint> checkpointNow() {
    return audit.checkpointNow().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
  }

  /** The certificate that verifies checkpoints, for {@code ledger-verify --certificate}. */
  @GetMapping(value = "/certificate", produces = "application/x-pem-file")
  String certificate() {
    return audit.certificatePem();
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
