package org.gdxhub.exchange;

import java.util.List;
import java.util.Map;

/** A served lookup: the released fields of the record, and where the exchange is ledgered. */
public record LookupResult(
    String requestId,
    String ledgerEntryId,
    String datasetId,
    String agreementId,
    List<String> fieldsReleased,
    Map<String, Object> record) {}
