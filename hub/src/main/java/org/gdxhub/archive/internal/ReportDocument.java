package org.gdxhub.archive.internal;

import java.time.ZonedDateTime;

/**
 * What the monthly report PDF prints besides the numbers. {@code csv} is embedded in the PDF
 * as {@code report.csv}; {@code contentHash} is its SHA-256.
 */
public record ReportDocument(String id, String reference, ZonedDateTime issuedAt, String issuerTh, String issuerEn,
    String requestedBy, byte[] csv, String contentHash, String verifyUrl, String signer) {}
