package org.gdxhub.ledger;

import java.time.Instant;

/**
 * A search of the ledger index; every filter is optional (null means "any") and filters
 * combine with AND. {@code text} is full text over purpose and case reference: every word
 * must occur in one of them. Time is {@code from} inclusive, {@code to} exclusive. Results
 * are sorted newest first.
 *
 * @param subjectPseudonym the keyed HMAC of a subject ID, never a clear ID; several separated by commas
 *     match any of them (the subject's pseudonyms under every key version)
 * @param offHours only lookups outside (true) or inside (false) office hours
 */
public record LedgerSearch(
    String agency,
    String unit,
    String officer,
    String dataset,
    String purpose,
    String decision,
    String reasonCode,
    String outcome,
    String subjectPseudonym,
    Instant from,
    Instant to,
    String text,
    Boolean offHours,
    int limit,
    int offset) {

  public static final int MAX_LIMIT = 1000;
  /** Deepest page reachable by offset (Elasticsearch's default max_result_window). */
  public static final int MAX_WINDOW = 10_000;

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().agency(agency).unit(unit).officer(officer).dataset(dataset).purpose(purpose)
        .decision(decision).reasonCode(reasonCode).outcome(outcome).subjectPseudonym(subjectPseudonym).from(from)
        .to(to).text(text).offHours(offHours).limit(limit).offset(offset);
  }

  /** Builds searches; unset filters match everything, the page defaults to the first 100. */
  public static final class Builder {
    private String agency;
    private String unit;
    private String officer;
    private String dataset;
    private String purpose;
    private String decision;
    private String reasonCode;
    private String outcome;
    private String subjectPseudonym;
    private Instant from;
    private Instant to;
    private String text;
    private Boolean offHours;
    private int limit = 100;
    private int offset;

    public Builder agency(String v) { agency = blankToNull(v); return this; }
    public Builder unit(String v) { unit = blankToNull(v); return this; }
    public Builder officer(String v) { officer = blankToNull(v); return this; }
    public Builder dataset(String v) { dataset = blankToNull(v); return this; }
    public Builder purpose(String v) { purpose = blankToNull(v); return this; }
    public Builder decision(String v) { decision = blankToNull(v); return this; }
    public Builder reasonCode(String v) { reasonCode = blankToNull(v); return this; }
    public Builder outcome(String v) { outcome = blankToNull(v); return this; }
    public Builder subjectPseudonym(String v) { subjectPseudonym = blankToNull(v); return this; }
    public Builder from(Instant v) { from = v; return this; }
    public Builder to(Instant v) { to = v; return this; }
    public Builder text(String v) { text = blankToNull(v); return this; }
    public Builder offHours(Boolean v) { offHours = v; return this; }
    public Builder limit(int v) { limit = v; return this; }
    public Builder offset(int v) { offset = v; return this; }

    public LedgerSearch build() {
      return new LedgerSearch(agency, unit, officer, dataset, purpose, decision, reasonCode, outcome,
          subjectPseudonym, from, to, text, offHours, limit, offset);
    }

    private static String blankToNull(String v) {
      return v == null || v.isBlank() ? null : v.trim();
    }
  }
}
