package org.gdxhub.archive;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the document archive, under {@code hub.archive.*}.
 *
 * @param path the archive directory holding the documents' bytes (metadata is in the database);
 *     defaults to {@code ${hub.data-dir}/archive}; several hub instances share it on one volume
 * @param publicBaseUrl the hub's address as citizens and other agencies reach it: the QR code on
 *     every document points at {@code <publicBaseUrl>/archive/verify/<id>?hash=<content hash>}
 * @param signingKey the {@link org.gdxhub.security.SigningService} key that signs documents
 * @param issuer the issuing authority printed at the top of every document
 * @param extract certified extracts
 * @param report the monthly governance report
 * @param retentionSchedule Camel endpoint that triggers the retention flow ({@code archive.retention})
 * @param signOff the unit heads' monthly sign-off
 */
@ConfigurationProperties("hub.archive")
public record ArchiveProperties(
    @DefaultValue("./data/archive") String path,
    @DefaultValue("http://localhost:8080") String publicBaseUrl,
    @DefaultValue("archive-document") String signingKey,
    @DefaultValue Issuer issuer,
    @DefaultValue Extract extract,
    @DefaultValue Report report,
    @DefaultValue("timer:archive-retention?delay=120000&period=3600000") String retentionSchedule,
    @DefaultValue SignOff signOff) {

  /** The issuing authority, in Thai and English. */
  public record Issuer(
      @DefaultValue("ศูนย์แลกเปลี่ยนข้อมูลภาครัฐ") String nameTh,
      @DefaultValue("Government Data Exchange Hub") String nameEn) {}

  /**
   * @param retention how long an extract's bytes are kept; its hash and metadata stay for good
   * @param lookupMaxAge how long after a served lookup its officer may ask for an extract of it
   */
  public record Extract(
      @DefaultValue("365d") Duration retention,
      @DefaultValue("1h") Duration lookupMaxAge) {}

  /**
   * @param retention how long a report's bytes are kept
   * @param schedule Camel endpoint that triggers the scheduled flow ({@code archive.monthly-report});
   *     each run archives last month's report if it is not archived yet
   * @param generateAfter how long after a month ends the scheduled report waits (late index updates)
   * @param trendMonths months shown in the trend chart and table, ending with the report's month
   * @param top units in the top and bottom lists
   * @param requestedBy officer name recorded for scheduled reports
   */
  public record Report(
      @DefaultValue("3650d") Duration retention,
      @DefaultValue("timer:archive-monthly-report?delay=60000&period=3600000") String schedule,
      @DefaultValue("1h") Duration generateAfter,
      @DefaultValue("12") int trendMonths,
      @DefaultValue("5") int top,
      @DefaultValue("hub-scheduler") String requestedBy) {}

  /** @param deadlineDay unit heads sign off a month until the end of this day of the next month */
  public record SignOff(@DefaultValue("5") int deadlineDay) {}
}
