package org.gdxhub.governance.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerAnomaly;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerSearch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alert list for IT security and the committee: the ledger's anomaly flags plus officers
 * held back by the rate limit, over a recent window (default: the last 24 hours), most severe first.
 */
@RestController
@RequestMapping("/api/v1/governance")
class SecurityAlertController {

  private final LedgerAnomalyService anomalies;
  private final LedgerIndex index;

  SecurityAlertController(LedgerAnomalyService anomalies, LedgerIndex index) {
    this.anomalies = anomalies;
    this.index = index;
  }

  record Alert(String severity, String type, String agency, String unit, String officer, String subjectPseudonym,
      long count, String detail, List<String> evidenceEntryIds) {}

  @GetMapping("/alerts")
  Map<String, Object> alerts(@RequestParam(required = false) String since) {
    Instant to = Instant.now();
    Instant from;
    try {
      from = since == null ? to.minus(Duration.ofHours(24)) : Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "since must be an ISO-8601 instant");
    }
    List<Alert> alerts = new ArrayList<>();
    var limited = index.search(LedgerSearch.builder().reasonCode("rate_limited").from(from).to(to).limit(1000).build());
    Map<String, List<String>> perOfficer = new LinkedHashMap<>();
    limited.entries().forEach(e -> perOfficer.computeIfAbsent(e.exchange().agency() + "\u0000" + e.exchange().unit()
        + "\u0000" + e.exchange().officer(), k -> new ArrayList<>()).add(e.id()));
    perOfficer.forEach((key, ids) -> {
      String[] who = key.split("\u0000", -1);
      alerts.add(new Alert("high", "rate_limited", who[0], who[1], who[2], null, ids.size(),
          "lookups refused by the per-officer rate limit", ids.subList(0, Math.min(20, ids.size()))));
    });
    for (LedgerAnomaly a : anomalies.anomalies(from, to)) {
      String severity = switch (a.type()) {
        case LedgerAnomaly.SUBJECT_MANY_UNITS, LedgerAnomaly.OFFICER_VOLUME -> "high";
        case LedgerAnomaly.REPEATED_DENIALS -> "medium";
        default -> "low";
      };
      alerts.add(new Alert(severity, a.type(), a.agency(), a.unit(), a.officer(), a.subjectPseudonym(), a.count(),
          a.detail(), a.evidenceEntryIds()));
    }
    alerts.sort((x, y) -> Integer.compare(rank(x.severity()), rank(y.severity())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from);
    body.put("to", to);
    body.put("alerts", alerts);
    return body;
  }

  private static int rank(String severity) {
    return switch (severity) {
      case "high" -> 0;
      case "medium" -> 1;
      default -> 2;
    };
  }
}
