package org.gdxhub.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.gdxhub.common.JsonText;
import org.gdxhub.common.TimeOrderedIds;
import org.gdxhub.ledger.DecisionRecord;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerQuery;
import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger in the system of record. {@link #append} must run inside a transaction: it locks
 * the chain head row, so appends are serialised and each entry links to the one before it.
 * The relay publishes entries after its cursor, so an entry exists exactly when the relay
 * will publish it (ADR 0019). Policy inputs are stored with their dataset and agreement facts
 * kept once per distinct content (ADR 0020).
 */
@Repository
public class JdbcLedgerStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<PolicyDecision.Reason>> REASONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Set<String> storedFacts = ConcurrentHashMap.newKeySet();

  public JdbcLedgerStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public LedgerEntry append(ExchangeRecord r, DecisionRecord decision, Instant now) {
    return appendAll(List.of(new Append(r, decision)), now).getFirst();
  }

  /**
   * One exchange to append and the decision behind it, with the decision's input already split
   * into its stored form and facts (done by the caller's thread, not the group-commit writer).
   */
  public record Append(ExchangeRecord exchange, DecisionRecord decision, PolicyFacts.Split input) {

    public Append(ExchangeRecord exchange, DecisionRecord decision) {
      this(exchange, decision, PolicyFacts.split(decision.inputJson()));
    }
  }

  /**
   * Appends the exchanges in order, in the caller's transaction, under one lock of the chain
   * head: the group commit of {@link LedgerGroupCommit} (ADR 0015). The head row stays the
   * sequencer across instances; each entry links to the one before it as with single appends.
   */
  public List<LedgerEntry> appendAll(List<Append> appends, Instant now) {
    Head head = jdbc.sql("select last_seq, last_hash from ledger_head where id = 1 for update")
        .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
    long seq = head.lastSeq();
    String prevHash = head.lastHash();
    Instant at = LedgerHashing.truncate(now);
    List<LedgerEntry> entries = new ArrayList<>(appends.size());
    Map<UsageKey, Long> usage = new LinkedHashMap<>();
    for (Append append : appends) {
      seq++;
      ExchangeRecord r = append.exchange();
      DecisionRecord decision = append.decision();
      String id = TimeOrderedIds.next();
      String reasonsJson = JsonText.write(r.reasons());
      String fieldsJson = JsonText.write(r.fieldsReleased());
      var row = new LedgerHashing.Row(seq, id, at, r.requestId(), r.agency(), r.unit(), r.officer(), r.datasetId(),
          r.agreementId(), r.agreementVersion(), r.purpose(), r.legalBasis(), r.caseRef(), r.cardPresent(),
          r.subjectType(), r.subjectPseudonym(), r.decision().wire(), reasonsJson, fieldsJson, r.connectorLatencyMs(),
          r.outcome(), prevHash);
      String hash = LedgerHashing.hash(row);
      jdbc.sql("""
          insert into ledger_entry (seq, id, recorded_at, request_id, agency, unit, officer, dataset_id, agreement_id,
              agreement_version, purpose, legal_basis, case_ref, card_present, subject_type, subject_pseudonym, decision,
              reasons, fields_released, connector_latency_ms, outcome, prev_hash, hash)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(seq, id, utc(at), r.requestId(), r.agency(), r.unit(), r.officer(), r.datasetId(), r.agreementId(),
              r.agreementVersion(), r.purpose(), r.legalBasis(), r.caseRef(), r.cardPresent(), r.subjectType(),
              r.subjectPseudonym(), r.decision().wire(), reasonsJson, fieldsJson, r.connectorLatencyMs(), r.outcome(),
              prevHash, hash)
          .update();
      jdbc.sql("""
          insert into policy_decision (request_id, ledger_entry_id, engine, input_json, result_json, decided_at)
          values (?, ?, ?, ?, ?, ?)""")
          .params(r.requestId(), id, decision.engine(), append.input().storedInput(), decision.resultJson(), utc(at))
          .update();
      if (r.agreementId() != null) {
        usage.merge(new UsageKey(r.agreementId(), dayStart(at), r.outcome()), 1L, Long::sum);
      }
      entries.add(new LedgerEntry(seq, id, at, r, prevHash, hash));
      prevHash = hash;
    }
    storeFacts(appends);
    countUsage(usage);
    int moved = jdbc.sql("update ledger_head set last_seq = ?, last_hash = ? where id = 1 and last_seq = ?")
        .params(seq, prevHash, head.lastSeq()).update();
    if (moved != 1) {
      throw new IllegalStateException("ledger head moved during append");
    }
    return entries;
  }

  /**
   * Stores the facts of the appended inputs that are not stored yet. Each digest is checked
   * once per process: it is remembered only after the transaction that stored it commits, so
   * a rolled-back append cannot leave an input pointing at a fact that was never written.
   */
  private void storeFacts(List<Append> appends) {
    Map<String, String> added = new LinkedHashMap<>();
    for (Append append : appends) {
      for (PolicyFacts.Fact fact : append.input().facts()) {
        if (!storedFacts.contains(fact.digest()) && !added.containsKey(fact.digest())) {
          added.put(fact.digest(), fact.json());
        }
      }
    }
    if (added.isEmpty()) {
      return;
    }
    added.forEach((digest, json) -> jdbc.sql("""
        insert into policy_fact (digest, fact_json)
        select ?, ? where not exists (select 1 from policy_fact where digest = ?)""")
        .params(digest, json, digest).update());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          storedFacts.addAll(added.keySet());
        }
      });
    }
  }

  /** The policy input as decided: the stored input with its facts put back. */
  private String policyInput(String storedInput, Map<String, String> factCache) {
    return PolicyFacts.join(storedInput, digest -> factCache.computeIfAbsent(digest,
        d -> jdbc.sql("select fact_json from policy_fact where digest = ?").param(d).query(String.class)
            .optional().orElse(null)));
  }

  private DecisionRecord decisionRecord(ResultSet rs, Map<String, String> factCache) throws SQLException {
    return new DecisionRecord(rs.getString("engine"), policyInput(rs.getString("input_json"), factCache),
        rs.getString("result_json"));
  }

  private record UsageKey(String agreementId, Instant dayStart, String outcome) {}

  private record AgreementDay(String agreementId, Instant dayStart) {}

  /**
   * Adds the appended entries to their days' usage counts (under the head lock, so no other
   * append races this). The first append of an agreement on a day instead seeds all of that
   * day's counts from the ledger itself, this batch's entries included.
   */
  private void countUsage(Map<UsageKey, Long> added) {
    Map<AgreementDay, Map<String, Long>> byDay = new LinkedHashMap<>();
    added.forEach((k, n) -> byDay.computeIfAbsent(new AgreementDay(k.agreementId(), k.dayStart()),
        d -> new LinkedHashMap<>()).put(k.outcome(), n));
    byDay.forEach((day, outcomes) -> {
      boolean seeded = jdbc.sql("select count(*) from ledger_usage_count where agreement_id = ? and day_start = ?")
          .params(day.agreementId(), utc(day.dayStart())).query(Long.class).single() > 0;
      if (!seeded) {
        jdbc.sql("""
            insert into ledger_usage_count (agreement_id, day_start, outcome, entries)
            select agreement_id, ?, outcome, count(*) from ledger_entry
            where agreement_id = ? and recorded_at >= ? and recorded_at < ? group by agreement_id, outcome""")
            .params(utc(day.dayStart()), day.agreementId(), utc(day.dayStart()), utc(nextDayStart(day.dayStart())))
            .update();
        return;
      }
      outcomes.forEach((outcome, n) -> {
        int updated = jdbc.sql("update ledger_usage_count set entries = entries + ? where agreement_id = ?"
            + " and day_start = ? and outcome = ?").params(n, day.agreementId(), utc(day.dayStart()), outcome)
            .update();
        if (updated == 0) {
          jdbc.sql("insert into ledger_usage_count (agreement_id, day_start, outcome, entries) values (?, ?, ?, ?)")
              .params(day.agreementId(), utc(day.dayStart()), outcome, n).update();
        }
      });
    });
  }

  /** Midnight of the instant's day in the policy calendar zone (quota days). */
  static Instant dayStart(Instant at) {
    return at.atZone(PolicyInput.CALENDAR_ZONE).toLocalDate().atStartOfDay(PolicyInput.CALENDAR_ZONE).toInstant();
  }

  private static Instant nextDayStart(Instant dayStart) {
    return dayStart.atZone(PolicyInput.CALENDAR_ZONE).toLocalDate().plusDays(1).atStartOfDay(PolicyInput.CALENDAR_ZONE)
        .toInstant();
  }

  public Optional<LedgerEntry> find(String id) {
    return jdbc.sql("select * from ledger_entry where id = ?").param(id).query((rs, n) -> entry(rs)).optional();
  }

  /** The entry of a request, found through its policy decision (keyed by request id). */
  public Optional<LedgerEntry> findByRequestId(String requestId) {
    return jdbc.sql("select e.* from ledger_entry e join policy_decision d on d.ledger_entry_id = e.id"
        + " where d.request_id = ?").param(requestId).query((rs, n) -> entry(rs)).optional();
  }

  public Optional<DecisionRecord> decision(String requestId) {
    return jdbc.sql("select engine, input_json, result_json from policy_decision where request_id = ?")
        .param(requestId)
        .query((rs, n) -> decisionRecord(rs, new HashMap<>()))
        .optional();
  }

  public long servedUnderAgreementSince(String agreementId, Instant since) {
    return countUnderAgreementSince(agreementId, List.of("served", "extract_issued"), since);
  }

  public long countUnderAgreementSince(String agreementId, String outcome, Instant since) {
    return countUnderAgreementSince(agreementId, List.of(outcome), since);
  }

  /**
   * Entries of the agreement with one of the outcomes since the instant. From the usage counts
   * when {@code since} is a midnight whose day has been seeded (quota rules ask for today: one
   * indexed read); every later day with entries is seeded too, since it was appended after
   * this day was. Otherwise (another instant, or before the day's first append since the
   * counts exist) by counting ledger rows.
   */
  private long countUnderAgreementSince(String agreementId, List<String> outcomes, Instant since) {
    if (since.equals(dayStart(since))) {
      record Usage(Instant dayStart, String outcome, long entries) {}
      List<Usage> rows = jdbc.sql("select day_start, outcome, entries from ledger_usage_count"
          + " where agreement_id = ? and day_start >= ?")
          .params(agreementId, utc(since))
          .query((rs, n) -> new Usage(rs.getObject("day_start", OffsetDateTime.class).toInstant(),
              rs.getString("outcome"), rs.getLong("entries"))).list();
      if (rows.stream().anyMatch(u -> u.dayStart().equals(since))) {
        return rows.stream().filter(u -> outcomes.contains(u.outcome())).mapToLong(Usage::entries).sum();
      }
    }
    return jdbc.sql("select count(*) from ledger_entry where agreement_id = :agreementId and outcome in (:outcomes)"
        + " and recorded_at >= :since")
        .param("agreementId", agreementId).param("outcomes", outcomes).param("since", utc(since))
        .query(Long.class).single();
  }

  public List<org.gdxhub.ledger.StoredDecision> recentDecisions(int limit) {
    Map<String, String> factCache = new HashMap<>();
    return jdbc.sql("""
        select d.request_id, d.ledger_entry_id, d.engine, d.input_json, d.result_json
        from policy_decision d join ledger_entry e on e.id = d.ledger_entry_id
        where d.engine <> 'input-validation'
        order by e.seq desc limit ?""")
        .param(limit)
        .query((rs, n) -> new org.gdxhub.ledger.StoredDecision(rs.getString("request_id"),
            rs.getString("ledger_entry_id"), decisionRecord(rs, factCache)))
        .list();
  }

  public long count() {
    return jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
  }

  /** Up to {@code limit} entries after {@code afterSeq}, in chain order (reindexing reads in such pages). */
  public List<LedgerEntry> entriesAfter(long afterSeq, int limit) {
    return jdbc.sql("select * from ledger_entry where seq > ? order by seq limit ?").params(afterSeq, limit)
        .query((rs, n) -> entry(rs)).list();
  }

  /** Sequence number, id and time of up to {@code limit} entries after {@code afterSeq}, in order. */
  public List<EntryKey> keysAfter(long afterSeq, int limit) {
    return jdbc.sql("select seq, id, recorded_at from ledger_entry where seq > ? order by seq limit ?")
        .params(afterSeq, limit)
        .query((rs, n) -> new EntryKey(rs.getLong("seq"), rs.getString("id"), instant(rs)))
        .list();
  }

  public long countAfter(long afterSeq) {
    return jdbc.sql("select count(*) from ledger_entry where seq > ?").param(afterSeq).query(Long.class).single();
  }

  public List<LedgerEntry> search(LedgerQuery q) {
    var sql = new StringBuilder("select * from ledger_entry where 1 = 1");
    var params = new ArrayList<Object>();
    filter(sql, params, "agency", q.agency());
    filter(sql, params, "unit", q.unit());
    filter(sql, params, "officer", q.officer());
    filter(sql, params, "dataset_id", q.datasetId());
    filter(sql, params, "decision", q.decision());
    if (q.from() != null) {
      sql.append(" and recorded_at >= ?");
      params.add(utc(q.from()));
    }
    if (q.to() != null) {
      sql.append(" and recorded_at < ?");
      params.add(utc(q.to()));
    }
    sql.append(" order by seq desc limit ? offset ?");
    params.add(q.limit());
    params.add(q.offset());
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> entry(rs)).list();
  }

  private static void filter(StringBuilder sql, List<Object> params, String column, String value) {
    if (value != null && !value.isBlank()) {
      sql.append(" and ").append(column).append(" = ?");
      params.add(value);
    }
  }

  /** Streams the stored rows in chain order, as hashed, for verification. */
  public void forEachRow(Consumer<StoredRow> consumer) {
    jdbc.sql("select * from ledger_entry order by seq").query(rs -> {
      consumer.accept(new StoredRow(row(rs), rs.getString("hash")));
    });
  }

  /**
   * Streams the stored rows with {@code fromSeq <= seq <= toSeq} in chain order, one page at a
   * time (keyset paging: bounded memory on any database, no long-running cursor).
   */
  public void forEachRow(long fromSeq, long toSeq, int pageSize, Consumer<StoredRow> consumer) {
    long after = fromSeq - 1;
    while (after < toSeq) {
      List<StoredRow> page = jdbc.sql("select * from ledger_entry where seq > ? and seq <= ? order by seq limit ?")
          .params(after, toSeq, pageSize)
          .query((rs, n) -> new StoredRow(row(rs), rs.getString("hash")))
          .list();
      if (page.isEmpty()) {
        return;
      }
      page.forEach(consumer);
      after = page.getLast().row().seq();
    }
  }

  /** The entries with the given sequence numbers, in chain order. */
  public List<LedgerEntry> entries(List<Long> seqs) {
    if (seqs.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from ledger_entry where seq in (:seqs) order by seq")
        .param("seqs", seqs)
        .query((rs, n) -> entry(rs))
        .list();
  }

  /** The chain head as last committed: sequence number and hash of the newest entry (0 and genesis when empty). */
  public Head head() {
    return jdbc.sql("select last_seq, last_hash from ledger_head where id = 1")
        .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).single();
  }

  /** The stored hash and time of one entry. */
  public Optional<StoredHash> storedHash(long seq) {
    return jdbc.sql("select seq, hash, recorded_at from ledger_entry where seq = ?").param(seq)
        .query((rs, n) -> new StoredHash(rs.getLong("seq"), rs.getString("hash"), instant(rs)))
        .optional();
  }

  public record StoredRow(LedgerHashing.Row row, String hash) {

    public LedgerEntry toEntry() {
      return JdbcLedgerStore.toEntry(row, hash);
    }
  }

  public record StoredHash(long seq, String hash, Instant recordedAt) {}

  public record EntryKey(long seq, String id, Instant recordedAt) {}

  private static LedgerHashing.Row row(ResultSet rs) throws SQLException {
    return new LedgerHashing.Row(rs.getLong("seq"), rs.getString("id"), instant(rs), rs.getString("request_id"),
        rs.getString("agency"), rs.getString("unit"), rs.getString("officer"), rs.getString("dataset_id"),
        rs.getString("agreement_id"), (Integer) rs.getObject("agreement_version", Integer.class),
        rs.getString("purpose"), rs.getString("legal_basis"), rs.getString("case_ref"), rs.getBoolean("card_present"),
        rs.getString("subject_type"), rs.getString("subject_pseudonym"), rs.getString("decision"),
        rs.getString("reasons"), rs.getString("fields_released"), rs.getObject("connector_latency_ms", Long.class),
        rs.getString("outcome"), rs.getString("prev_hash"));
  }

  private static LedgerEntry entry(ResultSet rs) throws SQLException {
    return toEntry(row(rs), rs.getString("hash"));
  }

  static LedgerEntry toEntry(LedgerHashing.Row row, String hash) {
    var exchange = new ExchangeRecord(row.requestId(), row.agency(), row.unit(), row.officer(), row.datasetId(),
        row.agreementId(), row.agreementVersion(), row.purpose(), row.legalBasis(), row.caseRef(), row.cardPresent(),
        row.subjectType(), row.subjectPseudonym(), ExchangeRecord.Decision.valueOf(row.decision().toUpperCase()),
        JSON.readValue(row.reasonsJson(), REASONS), JsonText.readList(row.fieldsReleasedJson()),
        row.connectorLatencyMs(), row.outcome());
    return new LedgerEntry(row.seq(), row.id(), row.recordedAt(), exchange, row.prevHash(), hash);
  }

  private static Instant instant(ResultSet rs) throws SQLException {
    return rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  public record Head(long lastSeq, String lastHash) {}
}
