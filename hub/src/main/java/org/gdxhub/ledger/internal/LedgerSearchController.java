package org.gdxhub.ledger.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.gdxhub.ledger.LedgerAnomaly;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerReindexService;
import org.gdxhub.ledger.LedgerSearch;
import org.gdxhub.ledger.LedgerSearchResult;
import org.gdxhub.ledger.LedgerStatistics;
import org.gdxhub.ledger.LedgerStatisticsService;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The committee's search, statistics and anomalies over the ledger index, and the operator's
 * reindex. Searching by a clear citizen ID needs the {@code committee} role: the hub turns it
 * into the subject's pseudonym and searches by that; the clear ID goes nowhere else.
 */
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerSearchController {

  static final String COMMITTEE = "committee";
  static final String OPERATOR = "operator";
  static final String AUDITOR = "auditor";

  private final LedgerIndex index;
  private final LedgerStatisticsService statistics;
  private final LedgerAnomalyService anomalies;
  private final LedgerReindexService reindex;
  private final SubjectPseudonymizer pseudonymizer;

  LedgerSearchController(LedgerIndex index, LedgerStatisticsService statistics, LedgerAnomalyService anomalies,
      LedgerReindexService reindex, SubjectPseudonymizer pseudonymizer) {
    this.index = index;
    this.statistics = statistics;
    this.anomalies = anomalies;
    this.reindex = reindex;
    this.pseudonymizer = pseudonymizer;
  }

  /** The search body: the query parameters of GET, plus a clear subject ID for the committee. */
  record SearchRequest(String agency, String unit, String officer, String dataset, String purpose, String decision,
      String reason, String outcome, String subject, String subjectId, String subjectType, String from, String to,
      String q, Boolean offHours, Integer limit, Integer offset) {}

  @GetMapping("/search")
  Map<String, Object> search(
      @RequestParam(required = false) String agency,
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) String officer,
      @RequestParam(required = false) String dataset,
      @RequestParam(required = false) String purpose,
      @RequestParam(required = false) String decision,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String subject,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Boolean offHours,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset,
      CallerIdentity caller) {
    return search(new SearchRequest(agency, unit, officer, dataset, purpose, decision, reason, outcome, subject, null,
        null, from, to, q, offHours, limit, offset), caller);
  }

  @PostMapping("/search")
  Map<String, Object> search(@RequestBody SearchRequest request, CallerIdentity caller) {
    String pseudonym = request.subject();
    if (request.subjectId() != null && !request.subjectId().isBlank()) {
      requireRole(caller, COMMITTEE, "search by a clear subject ID");
      String type = request.subjectType() == null || request.subjectType().isBlank() ? "citizen_id"
          : request.subjectType();
      if (!SubjectId.isValidThirteenDigit(request.subjectId())) {
        throw new HubException(ErrorCode.INVALID_SUBJECT_ID, "subjectId must be 13 digits with a valid check digit");
      }
      // Every key version's pseudonym: entries written before a key rotation are still found.
      pseudonym = String.join(",", pseudonymizer.pseudonyms(type, request.subjectId()));
    }
    // A unit head reviews the own agency's usage only; committee and auditors see every agency.
    String agency = request.agency();
    if (caller != null && !caller.hasAnyRole(COMMITTEE, AUDITOR)) {
      if (agency != null && !agency.isBlank() && !agency.equals(caller.agency())) {
        throw new HubException(ErrorCode.ROLE_REQUIRED, "a unit head may search the own agency's ledger only");
      }
      agency = caller.agency() == null ? "-" : caller.agency();
    }
    if (request.decision() != null && !List.of("allow", "deny").contains(request.decision())) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "decision must be allow or deny");
    }
    int limit = request.limit() == null ? 50 : request.limit();
    int offset = request.offset() == null ? 0 : request.offset();
    if (limit < 1 || limit > LedgerSearch.MAX_LIMIT || offset < 0 || offset + limit > LedgerSearch.MAX_WINDOW) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "limit must be 1.." + LedgerSearch.MAX_LIMIT
          + ", offset >= 0 and offset + limit <= " + LedgerSearch.MAX_WINDOW + "; narrow the filters to go deeper");
    }
    LedgerSearch search = LedgerSearch.builder().agency(agency).unit(request.unit())
        .officer(request.officer()).dataset(request.dataset()).purpose(request.purpose()).decision(request.decision())
        .reasonCode(request.reason()).outcome(request.outcome()).subjectPseudonym(pseudonym)
        .from(instant("from", request.from())).to(instant("to", request.to())).text(request.q())
        .offHours(request.offHours()).limit(limit).offset(offset).build();
    LedgerSearchResult result = index.search(search);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("backend", index.name());
    body.put("total", result.total());
    body.put("limit", result.limit());
    body.put("offset", result.offset());
    body.put("entries", result.entries());
    return body;
  }

  @GetMapping("/statistics")
  LedgerStatistics statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "5") int top) {
    if (top < 1 || top > 1000) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "top must be 1..1000");
    }
    return statistics.statistics(instant("from", from), instant("to", to), top);
  }

  @GetMapping(value = "/statistics/{table}.csv", produces = "text/csv")
  ResponseEntity<String> statisticsCsv(@PathVariable String table, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "5") int top) {
    LedgerStatistics s = statistics(from, to, top);
    String csv = switch (table) {
      case "totals" -> StatisticsCsv.of(List.of(s.totals()), "lookups,allowed,denied,months,monthly_average",
          t -> List.of(t.lookups(), t.allowed(), t.denied(), t.months(), t.monthlyAverage()));
      case "agency-months" -> StatisticsCsv.of(s.perAgencyMonth(), "agency,month,lookups",
          r -> List.of(r.agency(), r.month(), r.lookups()));
      case "agencies" -> StatisticsCsv.of(s.perAgency(), "agency,lookups,allowed,denied,monthly_average",
          r -> List.of(r.agency(), r.lookups(), r.allowed(), r.denied(), r.monthlyAverage()));
      case "unit-months" -> StatisticsCsv.of(s.perUnitMonth(), "agency,unit,month,lookups",
          r -> List.of(r.agency(), r.unit(), r.month(), r.lookups()));
      case "units" -> units(s.perUnit());
      case "top-units" -> units(s.topUnits());
      case "bottom-units" -> units(s.bottomUnits());
      case "denials" -> StatisticsCsv.of(s.denialsByReason(), "reason,denials", r -> List.of(r.reason(), r.denials()));
      case "datasets" -> StatisticsCsv.of(s.perDataset(), "dataset,lookups,allowed,denied",
          r -> List.of(r.dataset(), r.lookups(), r.allowed(), r.denied()));
      default -> throw new HubException(ErrorCode.NOT_FOUND, "no statistics table " + table + "; tables: totals, "
          + "agency-months, agencies, unit-months, units, top-units, bottom-units, denials, datasets");
    };
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"ledger-" + table + ".csv\"").body(csv);
  }

  private static String units(List<LedgerStatistics.UnitTotal> units) {
    return StatisticsCsv.of(units, "agency,unit,lookups,monthly_average,officers",
        r -> List.of(r.agency(), r.unit(), r.lookups(), r.monthlyAverage(), r.officers()));
  }

  @GetMapping("/anomalies")
  Map<String, Object> anomalies(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      CallerIdentity caller) {
    requireRole(caller, COMMITTEE, AUDITOR, "list anomalies");
    Instant end = to == null ? Instant.now() : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "from must be before to");
    }
    List<LedgerAnomaly> found = anomalies.anomalies(start, end);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("backend", index.name());
    body.put("from", start);
    body.put("to", end);
    body.put("anomalies", found);
    return body;
  }

  @GetMapping("/index")
  Map<String, Object> indexStatus() {
    Map<String, Object> body = new LinkedHashMap<>(index.health());
    body.put("reindex", reindex.status());
    return body;
  }

  @PostMapping("/index/reindex")
  ResponseEntity<LedgerReindexService.ReindexStatus> startReindex(@RequestParam(defaultValue = "false") boolean fresh,
      CallerIdentity caller) {
    requireRole(caller, OPERATOR, "rebuild the ledger index");
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(reindex.start(fresh));
  }

  @GetMapping("/index/reindex")
  LedgerReindexService.ReindexStatus reindexStatus() {
    return reindex.status();
  }

  private static void requireRole(CallerIdentity caller, String role, String what) {
    if (caller == null || !caller.roles().contains(role)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role " + role + " may " + what);
    }
  }

  private static void requireRole(CallerIdentity caller, String role, String other, String what) {
    if (caller == null || !caller.hasAnyRole(role, other)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role " + role + " or " + other + " may " + what);
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, name + " must be an ISO-8601 instant, e.g. 2026-11-23T00:00:00Z");
    }
  }

  /** Minimal RFC 4180 CSV: a header line, then one line per row. */
  static final class StatisticsCsv {
    private StatisticsCsv() {}

    static <T> String of(List<T> rows, String header, Function<T, List<?>> cells) {
      StringBuilder out = new StringBuilder(header).append("\r\n");
      for (T row : rows) {
        List<?> values = cells.apply(row);
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append(cell(values.get(i)));
        }
        out.append("\r\n");
      }
      return out.toString();
    }

    private static String cell(Object value) {
      if (value == null) {
        return "";
      }
      String s = value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d) : value.toString();
      return s.matches(".*[\",\r\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
  }
}
