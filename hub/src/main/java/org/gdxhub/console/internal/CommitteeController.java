package org.gdxhub.console.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import org.gdxhub.archive.MonthlyReportService;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.AgreementStatus;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.SubjectId;
import org.gdxhub.governance.PolicyReplayService;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerAuditService;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerSearch;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.ledger.LedgerStatistics;
import org.gdxhub.ledger.LedgerStatisticsService;
import org.gdxhub.security.Roles;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.json.JsonMapper;

/**
 * The governance committee's (and auditors') pages: ledger search with filters and paging, an
 * entry with its chain status, statistics with charts, anomalies, agreements due for
 * recertification, policy-change replay, the monthly report, and ledger verification.
 */
@Controller
@RequestMapping("/console/committee")
class CommitteeController {

  static final int PAGE_SIZE = 25;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LedgerIndex index;
  private final LedgerService ledger;
  private final LedgerAuditService audit;
  private final LedgerStatisticsService statistics;
  private final LedgerAnomalyService anomalies;
  private final AgreementService agreements;
  private final PolicyReplayService replay;
  private final MonthlyReportService reports;
  private final SubjectPseudonymizer pseudonymizer;
  private final ConsoleFormat format;

  CommitteeController(LedgerIndex index, LedgerService ledger, LedgerAuditService audit,
      LedgerStatisticsService statistics, LedgerAnomalyService anomalies, AgreementService agreements,
      PolicyReplayService replay, MonthlyReportService reports, SubjectPseudonymizer pseudonymizer,
      ConsoleFormat format) {
    this.index = index;
    this.ledger = ledger;
    this.audit = audit;
    this.statistics = statistics;
    this.anomalies = anomalies;
    this.agreements = agreements;
    this.replay = replay;
    this.reports = reports;
    this.pseudonymizer = pseudonymizer;
    this.format = format;
  }

  Instant startOf(String date) {
    return date == null || date.isBlank() ? null : LocalDate.parse(date).atStartOfDay(format.zone()).toInstant();
  }

  Instant endOf(String date) {
    return date == null || date.isBlank() ? null
        : LocalDate.parse(date).plusDays(1).atStartOfDay(format.zone()).toInstant();
  }

  /** Ledger search; an htmx request gets the result table only. */
  @GetMapping("/ledger")
  String ledger(CallerIdentity caller, @RequestParam Map<String, String> filters,
      @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
    String subjectId = filters.getOrDefault("subjectId", "").replaceAll("\\s", "");
    String pseudonym = null;
    if (!subjectId.isEmpty()) {
      // As over the API: a clear subject ID is for the committee, turned into its pseudonyms here.
      if (!caller.hasAnyRole(Roles.COMMITTEE)) {
        throw new HubException(ErrorCode.ROLE_REQUIRED, "searching by a clear subject ID needs the committee role");
      }
      if (!SubjectId.isValidThirteenDigit(subjectId)) {
        throw new HubException(ErrorCode.INVALID_SUBJECT_ID, "subject ID must be 13 digits with a valid check digit");
      }
      pseudonym = String.join(",", pseudonymizer.pseudonyms(filters.getOrDefault("subjectType", "citizen_id"),
          subjectId));
    }
    String decision = filters.get("decision");
    int offset = Math.max(0, page) * PAGE_SIZE;
    if (offset + PAGE_SIZE > LedgerSearch.MAX_WINDOW) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "narrow the filters to page that deep");
    }
    var result = index.search(LedgerSearch.builder().agency(filters.get("agency")).unit(filters.get("unit"))
        .officer(filters.get("officer")).dataset(filters.get("dataset")).purpose(filters.get("purpose"))
        .decision(decision == null || decision.isBlank() ? null : decision).outcome(filters.get("outcome"))
        .reasonCode(filters.get("reason")).subjectPseudonym(pseudonym).text(filters.get("q"))
        .from(startOf(filters.get("from"))).to(endOf(filters.get("to"))).limit(PAGE_SIZE).offset(offset).build());
    model.addAttribute("filters", filters);
    model.addAttribute("result", result);
    model.addAttribute("page", page);
    model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    var pageUrl = org.springframework.web.util.UriComponentsBuilder.fromPath("/console/committee/ledger");
    filters.forEach((k, v) -> {
      if (!k.equals("page") && !k.equals("lang") && v != null && !v.isBlank()) {
        pageUrl.queryParam(k, v);
      }
    });
    model.addAttribute("prevUrl", pageUrl.cloneBuilder().queryParam("page", page - 1).encode().build().toUriString());
    model.addAttribute("nextUrl", pageUrl.cloneBuilder().queryParam("page", page + 1).encode().build().toUriString());
    return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"))
        ? "console/committee/ledger :: results" : "console/committee/ledger";
  }

  @GetMapping("/ledger/{id}")
  String entry(@PathVariable String id, Model model) {
    LedgerEntry entry = ledger.entry(id)
        .orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND, "no ledger entry " + id));
    model.addAttribute("entry", entry);
    model.addAttribute("decision", ledger.decision(entry.exchange().requestId()).orElse(null));
    return "console/committee/entry";
  }

  /** Verifies the whole chain and its signed checkpoints (htmx fragment, or a page without script). */
  @PostMapping("/verify")
  String verify(@RequestParam(required = false) String entry, HttpServletRequest request, Model model) {
    model.addAttribute("verification", audit.verify());
    model.addAttribute("entrySeq", entry == null || entry.isBlank() ? null
        : ledger.entry(entry).map(LedgerEntry::seq).orElse(null));
    model.addAttribute("verifiedAt", Instant.now());
    return "true".equals(request.getHeader("HX-Request")) ? "console/committee/verify :: result"
        : "console/committee/verify";
  }

  @GetMapping("/verify")
  String verifyPage() {
    return "console/committee/verify";
  }

  @GetMapping("/statistics")
  String statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      Model model) {
    LocalDate today = LocalDate.now(format.zone());
    String start = from == null || from.isBlank() ? today.withDayOfMonth(1).minusMonths(5).toString() : from;
    String end = to == null || to.isBlank() ? today.toString() : to;
    LedgerStatistics s = statistics.statistics(startOf(start), endOf(end), 5);
    model.addAttribute("from", start);
    model.addAttribute("to", end);
    model.addAttribute("stats", s);
    model.addAttribute("range", format.date(LocalDate.parse(start)) + " – " + format.date(LocalDate.parse(end)));
    model.addAttribute("charts", JSON.writeValueAsString(charts(s)));
    return "console/committee/statistics";
  }

  /** The chart data the console's script draws: labels already in the page's language. */
  Map<String, Object> charts(LedgerStatistics s) {
    List<String> months = s.months();
    List<String> monthLabels = months.stream().map(format::shortMonth).toList();
    Map<String, Long[]> unitSeries = new TreeMap<>();
    for (var row : s.perUnitMonth()) {
      int i = months.indexOf(row.month());
      if (i >= 0) {
        Long[] values = unitSeries.computeIfAbsent(row.agency() + " / " + row.unit(), k -> {
          Long[] zero = new Long[months.size()];
          java.util.Arrays.fill(zero, 0L);
          return zero;
        });
        values[i] += row.lookups();
      }
    }
    Long[] trend = new Long[months.size()];
    java.util.Arrays.fill(trend, 0L);
    for (var row : s.perAgencyMonth()) {
      int i = months.indexOf(row.month());
      if (i >= 0) {
        trend[i] += row.lookups();
      }
    }
    Map<String, Object> charts = new LinkedHashMap<>();
    charts.put("months", monthLabels);
    List<Map<String, Object>> series = new ArrayList<>();
    unitSeries.forEach((unit, values) -> series.add(Map.of("label", unit, "data", values)));
    charts.put("unitMonths", series);
    charts.put("trend", trend);
    charts.put("top", s.topUnits().stream().map(u -> Map.of("label", u.agency() + " / " + u.unit(), "value",
        u.lookups())).toList());
    charts.put("bottom", s.bottomUnits().stream().map(u -> Map.of("label", u.agency() + " / " + u.unit(), "value",
        u.lookups())).toList());
    charts.put("denials", s.denialsByReason().stream().map(r -> Map.of("label", String.valueOf(r.reason()),
        "value", r.denials())).toList());
    charts.put("datasets", s.perDataset().stream().map(d -> Map.of("label", String.valueOf(d.dataset()),
        "value", d.lookups())).toList());
    return charts;
  }

  @GetMapping("/anomalies")
  String anomalies(@RequestParam(defaultValue = "30") int days, Model model) {
    Instant end = Instant.now();
    int span = Math.min(Math.max(days, 1), 366);
    model.addAttribute("days", span);
    model.addAttribute("anomalies", anomalies.anomalies(end.minus(Duration.ofDays(span)), end));
    return "console/committee/anomalies";
  }

  /** Approved agreements whose validity ends within the horizon (or has ended): due for recertification. */
  @GetMapping("/recertification")
  String recertification(@RequestParam(defaultValue = "90") int days, Model model) {
    LocalDate horizon = LocalDate.now(format.zone()).plusDays(Math.min(Math.max(days, 1), 3660));
    List<Agreement> due = agreements.agreements(null, null).stream()
        .filter(a -> a.status() == AgreementStatus.APPROVED && !a.validUntil().isAfter(horizon))
        .sorted(java.util.Comparator.comparing(Agreement::validUntil)).toList();
    model.addAttribute("days", days);
    model.addAttribute("due", due);
    model.addAttribute("today", LocalDate.now(format.zone()));
    return "console/committee/recertification";
  }

  @GetMapping("/replay")
  String replayForm() {
    return "console/committee/replay";
  }

  @PostMapping("/replay")
  String replay(CallerIdentity caller, @RequestParam("bundle") MultipartFile bundle,
      @RequestParam(defaultValue = "1000") int last, Model model) throws IOException {
    caller.requireIdentified();
    if (bundle.isEmpty()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "choose a candidate policy bundle (.tar.gz or .wasm)");
    }
    model.addAttribute("report", replay.replay(bundle.getBytes(), last));
    model.addAttribute("bundleName", bundle.getOriginalFilename());
    model.addAttribute("last", last);
    return "console/committee/replay";
  }

  @GetMapping("/reports")
  String reports(CallerIdentity caller, Model model) {
    model.addAttribute("lastMonth", YearMonth.now(format.zone()).minusMonths(1).toString());
    model.addAttribute("archived", caller.hasAnyRole(Roles.COMMITTEE) ? reports.reports(caller, null) : List.of());
    return "console/committee/reports";
  }

  /** Generates (and archives) the month's signed report and downloads it as PDF or CSV. */
  @PostMapping("/reports")
  ResponseEntity<byte[]> report(CallerIdentity caller, @RequestParam String month,
      @RequestParam(defaultValue = "pdf") String format) {
    var report = reports.generate(caller, MonthlyReportService.parseMonth(month));
    boolean csv = "csv".equals(format);
    return ResponseEntity.ok()
        .contentType(csv ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
            : MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(report.document().reference() + (csv ? ".csv" : ".pdf")).build().toString())
        .body(csv ? report.csv() : report.pdf());
  }
}
