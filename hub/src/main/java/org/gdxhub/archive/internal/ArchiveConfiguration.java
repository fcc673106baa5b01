package org.gdxhub.archive.internal;

import java.nio.file.Path;
import java.time.Clock;

import org.gdxhub.archive.ArchiveProperties;
import org.gdxhub.archive.ArchiveService;
import org.gdxhub.archive.ExtractService;
import org.gdxhub.archive.MonthlyReportService;
import org.gdxhub.archive.SignOffService;
import org.gdxhub.archive.VerificationService;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.exchange.ExchangeService;
import org.gdxhub.ledger.LedgerAnomalyService;
import org.gdxhub.ledger.LedgerSearchProperties;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.ledger.LedgerStatisticsService;
import org.gdxhub.security.SigningService;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of the archive: stores (database metadata, archive directory), the PDF machinery
 * (fonts, renderer, signer through the signing service), and the services. Times are shown
 * and months cut in the ledger's reporting time zone ({@code hub.ledger.search.zone}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveProperties.class)
class ArchiveConfiguration {

  @Bean
  JdbcArchiveStore jdbcArchiveStore(JdbcClient jdbc) {
    return new JdbcArchiveStore(jdbc);
  }

  @Bean
  JdbcSignOffStore jdbcSignOffStore(JdbcClient jdbc) {
    return new JdbcSignOffStore(jdbc);
  }

  @Bean
  FileSystemArchiveContent fileSystemArchiveContent(ArchiveProperties properties) {
    return new FileSystemArchiveContent(Path.of(properties.path()));
  }

  @Bean
  PdfFonts pdfFonts() {
    return new PdfFonts();
  }

  @Bean
  PdfSigner pdfSigner(SigningService signing, ArchiveProperties properties) {
    return new PdfSigner(signing, properties.signingKey());
  }

  @Bean
  DocumentRenderer documentRenderer(PdfFonts fonts, PdfSigner signer) {
    return new DocumentRenderer(fonts, signer);
  }

  @Bean
  DocumentArchiver documentArchiver(JdbcArchiveStore store, FileSystemArchiveContent content, PdfSigner signer) {
    return new DocumentArchiver(store, content, signer);
  }

  @Bean
  ArchiveService archiveService(JdbcArchiveStore store, FileSystemArchiveContent content, PdfSigner signer,
      SubjectPseudonymizer pseudonymizer, ArchiveProperties properties, Clock clock) {
    return new ArchiveService(store, content, signer, pseudonymizer, properties, clock);
  }

  @Bean
  VerificationService verificationService(JdbcArchiveStore store) {
    return new VerificationService(store);
  }

  @Bean
  ExtractService extractService(ExchangeService exchange, LedgerService ledger, CatalogService catalog,
      SubjectPseudonymizer pseudonymizer, DocumentArchiver archiver, DocumentRenderer renderer,
      ArchiveProperties properties, LedgerSearchProperties search, Clock clock) {
    return new ExtractService(exchange, ledger, catalog, pseudonymizer, archiver, renderer, properties,
        search.zone(), clock);
  }

  @Bean
  MonthlyReportService monthlyReportService(LedgerStatisticsService statistics, LedgerAnomalyService anomalies,
      CatalogService catalog, JdbcArchiveStore store, DocumentArchiver archiver, DocumentRenderer renderer,
      ArchiveProperties properties, LedgerSearchProperties search, Clock clock) {
    return new MonthlyReportService(statistics, anomalies, catalog, store, archiver, renderer, properties,
        search.zone(), clock);
  }

  @Bean
  SignOffService signOffService(LedgerStatisticsService statistics, LedgerAnomalyService anomalies,
      JdbcSignOffStore store, ArchiveProperties properties, LedgerSearchProperties search, Clock clock) {
    return new SignOffService(statistics, anomalies, store, properties, search.zone(), clock);
  }
}
