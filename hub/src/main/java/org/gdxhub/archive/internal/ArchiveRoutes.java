package org.gdxhub.archive.internal;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.gdxhub.archive.ArchiveProperties;
import org.gdxhub.archive.ArchiveService;
import org.gdxhub.archive.MonthlyReportService;
import org.gdxhub.cluster.SingletonJobs;
import org.springframework.stereotype.Component;

/**
 * The archive's scheduled flows, triggered by endpoints from configuration (a Camel timer by
 * default; any scheduling endpoint such as quartz works):
 * <ul>
 *   <li>{@code archive.monthly-report}: archives last month's governance report if it is due and
 *       not archived yet; running it often is harmless, and a hub that was down on the 1st
 *       catches up at its next run;</li>
 *   <li>{@code archive.retention}: deletes the bytes of documents past their retention, keeping
 *       hashes and metadata.</li>
 * </ul>
 * Both steps are plain service methods; errors are handled by {@link ArchiveRouteConfiguration}.
 * Every hub instance schedules both; each run takes the job's lock first ({@link SingletonJobs}),
 * so a report is generated, and retention applied, by one instance at a time (ADR 0014).
 */
@Component
class ArchiveRoutes extends RouteBuilder {

  static final String MONTHLY_REPORT = "archive.monthly-report";
  static final String RETENTION = "archive.retention";

  private final ArchiveProperties properties;
  private final MonthlyReportService reports;
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);

  private final ArchiveService archive;
  private final SingletonJobs jobs;

  ArchiveRoutes(ArchiveProperties properties, MonthlyReportService reports, ArchiveService archive, SingletonJobs jobs) {
    this.properties = properties;
    this.reports = reports;
    this.archive = archive;
    this.jobs = jobs;
  }

  @Override
  public void configure() {
    // The steps log what they did themselves (and nothing when nothing was due).
    from(properties.report().schedule()).routeId(MONTHLY_REPORT)
        .routeConfigurationId(ArchiveRouteConfiguration.ID)
        .process(exchange -> jobs.runExclusively(MONTHLY_REPORT, LOCK_AT_MOST, reports::generateDue));

    from(properties.retentionSchedule()).routeId(RETENTION)
        .routeConfigurationId(ArchiveRouteConfiguration.ID)
        .process(exchange -> jobs.runExclusively(RETENTION, LOCK_AT_MOST, archive::purgeExpired));
  }
}
