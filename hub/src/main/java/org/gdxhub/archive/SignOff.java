package org.gdxhub.archive;

import java.time.Instant;

/**
 * A unit head's monthly sign-off.
 *
 * @param month {@code yyyy-MM}
 * @param lookups the unit's lookups in the month (ledger statistics) when the unit head signed
 */
public record SignOff(String agency, String unit, String month, SignOffStatus status, String note, long lookups,
    String signedBy, Instant signedAt) {}
