package org.gdxhub.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdxhub.archive.internal.DocumentArchiver;
import org.gdxhub.archive.internal.DocumentRenderer;
import org.gdxhub.archive.internal.JdbcArchiveStore;
import org.gdxhub.archive.internal.References;
import org.gdxhub.archive.internal.ReportCsv;
import org.gdxhub.archive.internal.ReportDocument;
import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerStatisticsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committee's monthly governance report: computed from the ledger statistics and anomaly
 * services (so its numbers are theirs), rendered as a signed PDF with charts plus a CSV, and
 * archived like an extract. Generated on demand by the committee, and by the scheduled flow
 * {@code archive.monthly-report}, which archives last month's report once the month is over
 * (and {@code generate-after} has passed) if none is archived yet.
 */
public class MonthlyReportService {

  private static final Logger log = LoggerFactory.getLogger(MonthlyReportService.class);

  private final LedgerStatisticsService statistics;
  private final LedgerAnomalyService anomalies;
  private final CatalogService catalog;
  private final JdbcArchiveStore store;
  private final DocumentArchiver archiver;
  private final DocumentRenderer renderer;
  private final ArchiveProperties properties;
  private final ZoneId zone;
  private final Clock clock;

  public MonthlyReportService(LedgerStatisticsService statistics, LedgerAnomalyService anomalies,
      CatalogService catalog, JdbcArchiveStore store, DocumentArchiver archiver, DocumentRenderer renderer,
      ArchiveProperties properties, ZoneId zone, Clock clock) {
    this.statistics = statistics;
    this.anomalies = anomalies;
    this.catalog = catalog;
    this.store = store;
    this.archiver = archiver;
    this.renderer = renderer;
    this.properties = properties;
    this.zone = zone;
    this.clock = clock;
  }

  /** An archived report and its signed PDF. */
  public record ArchivedReport(ArchivedDocument document, byte[] pdf, byte[] csv, MonthlyReport report) {}

  public static YearMonth parseMonth(String month) {
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "month must be yyyy-MM, e.g. 2026-11");
    }
  }

  /** The report's numbers for a month, without archiving anything. */
  public MonthlyReport report(YearMonth month) {
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    int trendMonths = Math.max(1, properties.report().trendMonths());
    Instant trendFrom = month.minusMonths(trendMonths - 1L).atDay(1).atStartOfDay(zone).toInstant();
    Map<String, MonthlyReport.Names> agencyNames = new LinkedHashMap<>();
    Map<String, MonthlyReport.Names> unitNames = new LinkedHashMap<>();
    for (Agency agency : catalog.agencies()) {
      agencyNames.put(agency.code(), new MonthlyReport.Names(agency.nameTh(), agency.nameEn()));
      agency.units().forEach(u -> unitNames.put(agency.code() + "/" + u.code(),
          new MonthlyReport.Names(u.nameTh(), u.nameEn())));
    }
    return new MonthlyReport(month.toString(), from, to, zone.getId(),
        statistics.statistics(from, to, properties.report().top()),
        statistics.statistics(trendFrom, to, properties.report().top()),
        anomalies.anomalies(from, to), agencyNames, unitNames);
  }

  /** Generates and archives the month's report on the committee's request. */
  public ArchivedReport generate(CallerIdentity caller, YearMonth month) {
    if (!caller.roles().contains(ArchiveService.COMMITTEE)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role committee may generate reports");
    }
    if (!month.isBefore(YearMonth.from(clock.instant().atZone(zone)).plusMonths(1))) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "month " + month + " has not started yet");
    }
    return generate(month, caller.agency() + "/" + caller.unit() + "/" + caller.officer(), caller);
  }

  /**
   * The scheduled step: archives last month's report unless one is archived already.
   *
   * @return the report archived now, if any
   */
  public Optional<ArchivedDocument> generateDue() {
    // Millisecond precision: what the database and the document keep alike.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    YearMonth last = YearMonth.from(clock.instant().atZone(zone)).minusMonths(1);
    Instant due = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().plus(properties.report().generateAfter());
    if (now.isBefore(due) || store.reportExists(last.toString())) {
      return Optional.empty();
    }
    ArchivedReport report = generate(last, properties.report().requestedBy(), null);
    log.info("archived the monthly report {} for {}", report.document().reference(), last);
    return Optional.of(report.document());
  }

  public List<ArchivedDocument> reports(CallerIdentity caller, String month) {
    if (!caller.roles().contains(ArchiveService.COMMITTEE)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role committee may list reports");
    }
    return store.reports(month == null || month.isBlank() ? null : parseMonth(month).toString());
  }

  private ArchivedReport generate(YearMonth month, String requestedBy, CallerIdentity caller) {
    MonthlyReport report = report(month);
    // Millisecond precision: what the database and the document keep alike.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String id = References.newId();
    String reference = References.newReference(DocumentKind.REPORT, now.atZone(zone).toLocalDate());
    byte[] csv = ReportCsv.render(report);
    String contentHash = DocumentArchiver.sha256(csv);
    var document = new ReportDocument(id, reference, now.atZone(zone), properties.issuer().nameTh(),
        properties.issuer().nameEn(), requestedBy, csv, contentHash, ArchiveService.verifyUrl(properties, id, contentHash),
        renderer.signerName());
    byte[] pdf = renderer.report(document, report);
    var draft = new ArchivedDocument(id, DocumentKind.REPORT, reference,
        "รายงานการใช้บริการแลกเปลี่ยนข้อมูลประจำเดือน " + month + " / Monthly governance report " + month, now,
        caller == null ? null : caller.agency(), caller == null ? null : caller.unit(),
        caller == null ? requestedBy : caller.officer(), null, null, null, null, null, month.toString(), contentHash,
        null, 0, true, null, now.plus(properties.report().retention()), null, null, null, null);
    DocumentArchiver.Archived archived = archiver.archive(draft, pdf, csv, "Monthly governance report " + month);
    return new ArchivedReport(archived.document(), archived.pdf(), csv, report);
  }
}
