/**
 * The document archive: certified PDF extracts of served lookups (the "no photocopy" policy),
 * their verification (valid, tampered, revoked, unknown; a public verify page for the QR code),
 * the committee's monthly governance report (PDF and CSV), retention, and the unit heads'
 * monthly sign-off. Documents are signed through {@link org.gdxhub.security.SigningService};
 * issuing an extract is itself a ledgered exchange. Public API:
 * {@link org.gdxhub.archive.ExtractService}, {@link org.gdxhub.archive.VerificationService},
 * {@link org.gdxhub.archive.ArchiveService}, {@link org.gdxhub.archive.MonthlyReportService},
 * {@link org.gdxhub.archive.SignOffService}. See ADR 0009.
 */
package org.gdxhub.archive;
