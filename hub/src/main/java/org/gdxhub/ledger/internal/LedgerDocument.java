package org.gdxhub.ledger.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerSearchProperties;
import org.gdxhub.policy.PolicyDecision;

/**
 * The one shape of an indexed ledger entry, shared by both backends: the entry's own fields
 * (subject only as its pseudonym, as the ledger holds it) plus fields derived for search and
 * statistics — time in epoch microseconds, reason codes, and the month, day and office-hours
 * flag in the reporting time zone. Lucene stores it as JSON; Elasticsearch as {@code _source}.
 */
public final class LedgerDocument {

  public static final String ID = "id";
  public static final String SEQ = "seq";
  public static final String RECORDED_AT = "recorded_at";
  public static final String TIME_US = "time_us";
  public static final String AGENCY = "agency";
  public static final String UNIT = "unit";
  public static final String OFFICER = "officer";
  public static final String DATASET = "dataset";
  public static final String PURPOSE = "purpose";
  public static final String CASE_REF = "case_ref";
  public static final String DECISION = "decision";
  public static final String REASON_CODE = "reason_code";
  public static final String OUTCOME = "outcome";
  public static final String SUBJECT_PSEUDONYM = "subject_pseudonym";
  public static final String LOCAL_MONTH = "local_month";
  public static final String LOCAL_DAY = "local_day";
  public static final String OFF_HOURS = "off_hours";

  /** Keyword fields a search can filter on exactly (and group by), in document order. */
  public static final List<String> KEYWORDS = List.of(AGENCY, UNIT, OFFICER, DATASET, "agreement_id", PURPOSE,
      "subject_type", SUBJECT_PSEUDONYM, DECISION, REASON_CODE, OUTCOME, LOCAL_MONTH, LOCAL_DAY);

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  private final ZoneId zone;
  private final LocalTime officeStart;
  private final LocalTime officeEnd;
  private final Set<DayOfWeek> workdays;

  public LedgerDocument(LedgerSearchProperties properties) {
    this(properties.zone(), properties.officeHours());
  }

  public LedgerDocument(ZoneId zone, LedgerSearchProperties.OfficeHours hours) {
    this.zone = zone;
    this.officeStart = hours.start();
    this.officeEnd = hours.end();
    this.workdays = Set.copyOf(hours.workdays());
  }

  public ZoneId zone() {
    return zone;
  }

  public static long micros(Instant time) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, time);
  }

  public boolean offHours(Instant time) {
    ZonedDateTime local = time.atZone(zone);
    LocalTime t = local.toLocalTime();
    return !workdays.contains(local.getDayOfWeek()) || t.isBefore(officeStart) || !t.isBefore(officeEnd);
  }

  /** The document for an entry; absent values are left out. */
  public Map<String, Object> toSource(LedgerEntry entry) {
    ExchangeRecord x = entry.exchange();
    ZonedDateTime local = entry.recordedAt().atZone(zone);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(ID, entry.id());
    doc.put(SEQ, entry.seq());
    doc.put(RECORDED_AT, entry.recordedAt().toString());
    doc.put(TIME_US, micros(entry.recordedAt()));
    put(doc, "request_id", x.requestId());
    put(doc, AGENCY, x.agency());
    put(doc, UNIT, x.unit());
    put(doc, OFFICER, x.officer());
    put(doc, DATASET, x.datasetId());
    put(doc, "agreement_id", x.agreementId());
    put(doc, "agreement_version", x.agreementVersion());
    put(doc, PURPOSE, x.purpose());
    put(doc, "legal_basis", x.legalBasis());
    put(doc, CASE_REF, x.caseRef());
    doc.put("card_present", x.cardPresent());
    put(doc, "subject_type", x.subjectType());
    put(doc, SUBJECT_PSEUDONYM, x.subjectPseudonym());
    doc.put(DECISION, x.decision().wire());
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (PolicyDecision.Reason r : x.reasons()) {
      Map<String, Object> reason = new LinkedHashMap<>();
      reason.put("code", r.code());
      put(reason, "message", r.message());
      reasons.add(reason);
    }
    doc.put("reasons", reasons);
    doc.put(REASON_CODE, x.reasons().stream().map(PolicyDecision.Reason::code).distinct().toList());
    doc.put("fields_released", x.fieldsReleased());
    put(doc, "latency_ms", x.connectorLatencyMs());
    put(doc, OUTCOME, x.outcome());
    doc.put("prev_hash", entry.prevHash());
    doc.put("hash", entry.hash());
    doc.put(LOCAL_MONTH, local.format(MONTH));
    doc.put(LOCAL_DAY, local.toLocalDate().toString());
    doc.put(OFF_HOURS, offHours(entry.recordedAt()));
    return doc;
  }

  /** The ledger entry back from a stored document. */
  public static LedgerEntry toEntry(Map<String, Object> doc) {
    List<PolicyDecision.Reason> reasons = new ArrayList<>();
    if (doc.get("reasons") instanceof List<?> list) {
      for (Object o : list) {
        Map<?, ?> r = (Map<?, ?>) o;
        reasons.add(new PolicyDecision.Reason(str(r.get("code")), str(r.get("message"))));
      }
    }
    List<String> fields = new ArrayList<>();
    if (doc.get("fields_released") instanceof List<?> list) {
      list.forEach(f -> fields.add(str(f)));
    }
    Number version = (Number) doc.get("agreement_version");
    Number latency = (Number) doc.get("latency_ms");
    var exchange = new ExchangeRecord(str(doc.get("request_id")), str(doc.get(AGENCY)), str(doc.get(UNIT)),
        str(doc.get(OFFICER)), str(doc.get(DATASET)), str(doc.get("agreement_id")),
        version == null ? null : version.intValue(), str(doc.get(PURPOSE)), str(doc.get("legal_basis")),
        str(doc.get(CASE_REF)), Boolean.TRUE.equals(doc.get("card_present")), str(doc.get("subject_type")),
        str(doc.get(SUBJECT_PSEUDONYM)), ExchangeRecord.Decision.valueOf(str(doc.get(DECISION)).toUpperCase()),
        reasons, fields, latency == null ? null : latency.longValue(), str(doc.get(OUTCOME)));
    return new LedgerEntry(((Number) doc.get(SEQ)).longValue(), str(doc.get(ID)),
        Instant.parse(str(doc.get(RECORDED_AT))), exchange, str(doc.get("prev_hash")), str(doc.get("hash")));
  }

  private static void put(Map<String, Object> doc, String name, Object value) {
    if (value != null) {
      doc.put(name, value);
    }
  }

  private static String str(Object value) {
    return value == null ? null : value.toString();
  }
}
