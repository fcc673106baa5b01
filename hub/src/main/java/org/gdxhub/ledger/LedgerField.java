package org.gdxhub.ledger;

/**
 * Keyword fields of an indexed ledger entry that statistics and anomaly detection group by.
 * {@link #LOCAL_MONTH} and {@link #LOCAL_DAY} are the entry's month ({@code 2026-11}) and day
 * ({@code 2026-11-23}) in the hub's reporting time zone, computed when the entry is indexed.
 */
public enum LedgerField {
  AGENCY("agency"),
  UNIT("unit"),
  OFFICER("officer"),
  DATASET("dataset"),
  PURPOSE("purpose"),
  DECISION("decision"),
  OUTCOME("outcome"),
  REASON_CODE("reason_code"),
  SUBJECT_PSEUDONYM("subject_pseudonym"),
  LOCAL_MONTH("local_month"),
  LOCAL_DAY("local_day");

  private final String indexName;

  LedgerField(String indexName) {
    this.indexName = indexName;
  }

  /** The field's name in both backends' documents. */
  public String indexName() {
    return indexName;
  }
}
