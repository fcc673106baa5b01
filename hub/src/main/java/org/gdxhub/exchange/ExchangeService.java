package org.gdxhub.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.CatalogSnapshot;
import org.gdxhub.catalog.CatalogSnapshotService;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.JsonText;
import org.gdxhub.common.SubjectId;
import org.gdxhub.common.TimeOrderedIds;
import org.gdxhub.connectors.ConnectorGateway;
import org.gdxhub.exchange.internal.PolicyInputFactory;
import org.gdxhub.ledger.DecisionRecord;
import org.gdxhub.ledger.ExchangeRecord.Decision;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyEngine;
import org.gdxhub.policy.PolicyInput;
import org.gdxhub.security.OfficerRateLimiter;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.stereotype.Service;

/**
 * One lookup, end to end. Every path — bad input, deny, source failure, not found, served —
 * ends in exactly one ledger entry before the caller hears anything; if that entry cannot be
 * written the caller gets {@code ledger_unavailable} and no data.
 */
@Service
public class ExchangeService {

  /** Ledger outcomes. */
  public static final String SERVED = "served";
  public static final String DENIED = "denied";
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String NOT_FOUND = "not_found";
  public static final String SOURCE_ERROR = "source_error";
  /** A served lookup made to issue a certified extract (archive module). */
  public static final String EXTRACT_ISSUED = "extract_issued";

  private static final String INPUT_VALIDATION_ENGINE = "input-validation";
  private static final String RATE_LIMIT_ENGINE = "rate-limit";

  private final CatalogSnapshotService catalog;
  private final PolicyEngine policy;
  private final ConnectorGateway connectors;
  private final LedgerService ledger;
  private final SubjectPseudonymizer pseudonymizer;
  private final OfficerRateLimiter rateLimiter;
  private final PolicyInputFactory inputs = new PolicyInputFactory();
  private final Clock clock;

  public ExchangeService(CatalogSnapshotService catalog, PolicyEngine policy,
      ConnectorGateway connectors, LedgerService ledger, SubjectPseudonymizer pseudonymizer,
      OfficerRateLimiter rateLimiter, Clock clock) {
    this.rateLimiter = rateLimiter;
    this.catalog = catalog;
    this.policy = policy;
    this.connectors = connectors;
    this.ledger = ledger;
    this.pseudonymizer = pseudonymizer;
    this.clock = clock;
  }

  public LookupResult lookup(CallerIdentity caller, String datasetId, LookupRequest request) {
    return lookup(caller, datasetId, request, SERVED);
  }

  /**
   * The lookup behind a certified extract: the same pipeline and a fresh policy decision, but
   * a served record is ledgered with outcome {@link #EXTRACT_ISSUED}, so that issuing the
   * extract is itself one ledgered exchange (ADR 0009).
   */
  public LookupResult lookupForExtract(CallerIdentity caller, String datasetId, LookupRequest request) {
    return lookup(caller, datasetId, request, EXTRACT_ISSUED);
  }

  private LookupResult lookup(CallerIdentity caller, String datasetId, LookupRequest request, String servedOutcome) {
    // The ledger keeps at most 64 characters of a dataset id (an unknown one is ledgered too).
    var exchange = new Exchange(TimeOrderedIds.next(), caller, cut(datasetId, MAX_FIELD_NAME), request);
    Instant now = clock.instant();

    if (!caller.identified()) {
      throw exchange.rejectInput(ErrorCode.CALLER_UNIDENTIFIED,
          "the token or API key must name an agency, unit and officer (claims agency, unit, officer)");
    }
    String tooLong = tooLong(request);
    if (tooLong != null) {
      // Ledger what fits: an over-long value must not turn a bad request into ledger_unavailable (issue #10).
      exchange.request = fitted(request);
      throw exchange.rejectInput(ErrorCode.INVALID_REQUEST, tooLong);
    }
    Optional<Duration> retryAfter = rateLimiter.tryAcquire(caller);
    if (retryAfter.isPresent()) {
      long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
      throw exchange.reject(ErrorCode.RATE_LIMITED, "officer " + caller.officer() + " is over the lookup rate limit",
          RATE_LIMIT_ENGINE, DENIED).with("retryAfterSeconds", seconds);
    }
    if (request.purpose() == null || request.purpose().isBlank()) {
      throw exchange.rejectInput(ErrorCode.PURPOSE_REQUIRED, "state the purpose of the lookup");
    }
    if (!validSubject(request)) {
      throw exchange.rejectInput(ErrorCode.INVALID_SUBJECT_ID,
          "subjectId must be a 13-digit " + request.subjectType() + " with a valid check digit");
    }
    // Datasets and agreements from memory unless the catalog changed since (ADR 0017).
    CatalogSnapshot terms = catalog.current();
    Dataset dataset = terms.dataset(datasetId)
        .orElseThrow(() -> exchange.rejectInput(ErrorCode.UNKNOWN_DATASET, "no dataset " + datasetId));
    Agreement agreement = findAgreement(terms, exchange, caller, dataset, request, now);
    exchange.agreement = agreement;

    long usageToday = agreement == null ? 0
        : ledger.servedUnderAgreementSince(agreement.id(), now.atZone(PolicyInputFactory.HUB_ZONE).toLocalDate()
            .atStartOfDay(PolicyInputFactory.HUB_ZONE).toInstant());
    PolicyInput input = inputs.build(caller, dataset, agreement, request, true, usageToday, now);
    // One serialisation serves both the engine and the decision record, so the ledgered input
    // is byte for byte what was decided.
    String inputJson = inputs.json(input);
    PolicyDecision decision = policy.decideJson(inputJson);
    exchange.decisionRecord = new DecisionRecord(policy.name(), inputJson, JsonText.write(decision));
    if (!decision.allow()) {
      LedgerEntry entry = exchange.record(Decision.DENY, decision.reasons(), List.of(), null, DENIED);
      throw new HubException(ErrorCode.ACCESS_DENIED, "denied: " + String.join(", ", decision.reasonCodes()))
          .with("reasons", decision.reasons()).with("requestId", exchange.requestId).with("ledgerEntryId", entry.id());
    }

    long started = System.nanoTime();
    Optional<Map<String, Object>> record;
    try {
      record = connectors.fetch(dataset.connector(), request.subjectId(), decision.fields());
    } catch (HubException e) {
      LedgerEntry entry = exchange.record(Decision.ALLOW, decision.reasons(), List.of(), millisSince(started), SOURCE_ERROR);
      throw e.with("requestId", exchange.requestId).with("ledgerEntryId", entry.id());
    }
    long latency = millisSince(started);
    if (record.isEmpty()) {
      LedgerEntry entry = exchange.record(Decision.ALLOW, decision.reasons(), List.of(), latency, NOT_FOUND);
      throw new HubException(ErrorCode.SUBJECT_NOT_FOUND, "the source holds no record for this subject")
          .with("requestId", exchange.requestId).with("ledgerEntryId", entry.id());
    }
    // Defence in depth: whatever the connector returned, only policy-released fields leave
    // the hub, in the dataset's own field order.
    Map<String, Object> released = new LinkedHashMap<>();
    for (String field : dataset.fieldNames()) {
      if (!decision.fields().contains(field)) {
        continue;
      }
      if (record.get().containsKey(field)) {
        released.put(field, record.get().get(field));
      }
    }
    List<String> releasedNames = List.copyOf(released.keySet());
    LedgerEntry entry = exchange.record(Decision.ALLOW, decision.reasons(), releasedNames, latency, servedOutcome);
    return new LookupResult(exchange.requestId, entry.id(), dataset.id(), agreement.id(), releasedNames, released);
  }

  private static Agreement findAgreement(CatalogSnapshot terms, Exchange exchange, CallerIdentity caller,
      Dataset dataset, LookupRequest request, Instant now) {
    if (request.agreementId() != null && !request.agreementId().isBlank()) {
      return terms.agreement(request.agreementId())
          .orElseThrow(() -> exchange.rejectInput(ErrorCode.UNKNOWN_AGREEMENT, "no agreement " + request.agreementId()));
    }
    return terms.agreementForLookup(caller.agency(), dataset.id(),
        now.atZone(PolicyInputFactory.HUB_ZONE).toLocalDate()).orElse(null);
  }

  /** Longest values the ledger keeps (ledger_entry columns; requested fields go into the decision record). */
  static final int MAX_PURPOSE = 200;
  static final int MAX_LEGAL_BASIS = 1000;
  static final int MAX_CASE_REF = 200;
  static final int MAX_SUBJECT_TYPE = 32;
  static final int MAX_FIELDS = 100;
  static final int MAX_FIELD_NAME = 64;

  /** What is too long in the request, or null. */
  private static String tooLong(LookupRequest r) {
    if (length(r.purpose()) > MAX_PURPOSE) {
      return "purpose is longer than " + MAX_PURPOSE + " characters";
    }
    if (length(r.legalBasis()) > MAX_LEGAL_BASIS) {
      return "legalBasis is longer than " + MAX_LEGAL_BASIS + " characters";
    }
    if (length(r.caseRef()) > MAX_CASE_REF) {
      return "caseRef is longer than " + MAX_CASE_REF + " characters";
    }
    if (length(r.subjectType()) > MAX_SUBJECT_TYPE) {
      return "subjectType is longer than " + MAX_SUBJECT_TYPE + " characters";
    }
    if (length(r.agreementId()) > MAX_FIELD_NAME) {
      return "agreementId is longer than " + MAX_FIELD_NAME + " characters";
    }
    if (r.fields().size() > MAX_FIELDS || r.fields().stream().anyMatch(f -> length(f) > MAX_FIELD_NAME)) {
      return "fields: at most " + MAX_FIELDS + " names of at most " + MAX_FIELD_NAME + " characters";
    }
    return null;
  }

  private static LookupRequest fitted(LookupRequest r) {
    return new LookupRequest(r.subjectId(), cut(r.subjectType(), MAX_SUBJECT_TYPE), cut(r.purpose(), MAX_PURPOSE),
        cut(r.legalBasis(), MAX_LEGAL_BASIS), cut(r.caseRef(), MAX_CASE_REF), r.cardPresent(), null, List.of());
  }

  private static int length(String value) {
    return value == null ? 0 : value.length();
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private static boolean validSubject(LookupRequest request) {
    return switch (request.subjectType()) {
      case LookupRequest.CITIZEN_ID, LookupRequest.JURISTIC_ID -> SubjectId.isValidThirteenDigit(request.subjectId());
      default -> false;
    };
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** The state of one lookup as it moves through the pipeline, and how to ledger it. */
  private final class Exchange {
    final String requestId;
    final CallerIdentity caller;
    final String datasetId;
    LookupRequest request;
    Agreement agreement;
    DecisionRecord decisionRecord;

    Exchange(String requestId, CallerIdentity caller, String datasetId, LookupRequest request) {
      this.requestId = requestId;
      this.caller = caller;
      this.datasetId = datasetId;
      this.request = request;
    }

    /** Ledgers a request rejected before the policy ran, and returns the problem to throw. */
    HubException rejectInput(ErrorCode error, String detail) {
      return reject(error, detail, INPUT_VALIDATION_ENGINE, INVALID_REQUEST);
    }

    /** Ledgers a request the hub refused before the policy ran (bad input, rate limit). */
    HubException reject(ErrorCode error, String detail, String engine, String outcome) {
      var reason = new PolicyDecision.Reason(error.code(), detail);
      decisionRecord = new DecisionRecord(engine, "{}",
          JsonText.write(new PolicyDecision(false, List.of(reason), List.of(), Map.of())));
      LedgerEntry entry = record(Decision.DENY, List.of(reason), List.of(), null, outcome);
      return new HubException(error, detail).with("requestId", requestId).with("ledgerEntryId", entry.id());
    }

    LedgerEntry record(Decision decision, List<PolicyDecision.Reason> reasons, List<String> fields, Long latencyMs,
        String outcome) {
      String pseudonym = request.subjectId() == null || request.subjectId().isBlank() ? null
          : pseudonymizer.pseudonym(request.subjectType(), request.subjectId());
      var exchangeRecord = new ExchangeRecord(requestId, caller.agency(), caller.unit(), caller.officer(), datasetId,
          agreement == null ? null : agreement.id(), agreement == null ? null : agreement.version(),
          request.purpose(), request.legalBasis(), request.caseRef(), request.cardPresent(), request.subjectType(),
          pseudonym, decision, reasons, fields, latencyMs, outcome);
      return ledger.append(exchangeRecord, decisionRecord);
    }
  }
}
