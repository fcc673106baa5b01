package org.gdxhub.events.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.gdxhub.common.JsonText;
import org.gdxhub.events.DeliveredEvent;
import org.gdxhub.events.Subscription;
import org.gdxhub.events.SubscriptionStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Subscriptions, their scopes (pseudonyms only) and the delivery decisions, in the system of
 * record (H2 or PostgreSQL, the same SQL). {@link #insertDelivery} belongs in the transaction
 * of the decision's ledger entry, after the entry: its unique key (subscription, event) is what
 * makes delivery idempotent, and its seq is drawn under the ledger head's lock.
 */
@Repository
public class JdbcSubscriptionStore {

  private static final String COLUMNS = """
      s.id, s.agency, s.unit, s.officer, s.roles, s.dataset_id, s.agreement_id, s.purpose, s.legal_basis, s.case_ref,
      s.event_types, s.fields, s.status, s.created_at, s.cancelled_at""";
  private static final String WITH_COUNTS = COLUMNS + """
      ,
      (select count(*) from event_subscription_subject x where x.subscription_id = s.id) as subjects,
      (select count(*) from event_delivery d where d.subscription_id = s.id and d.decision = 'allow') as delivered,
      (select count(*) from event_delivery d where d.subscription_id = s.id and d.decision = 'deny') as denied,
      (select d.reasons from event_delivery d where d.subscription_id = s.id and d.decision = 'deny'
       order by d.seq desc limit 1) as last_denial""";

  /** A decided (subscription, event), as written with its ledger entry. */
  public record Delivery(String subscriptionId, String eventId, String eventType, String requestId,
      String ledgerEntryId, boolean allowed, List<String> reasonCodes, Map<String, Object> record, Instant decidedAt) {}

  private final JdbcClient jdbc;

  public JdbcSubscriptionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Subscription s) {
    jdbc.sql("""
        insert into event_subscription (id, agency, unit, officer, roles, dataset_id, agreement_id, purpose, legal_basis,
            case_ref, event_types, fields, status, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(s.id(), s.agency(), s.unit(), s.officer(), JsonText.write(new TreeSet<>(s.roles())), s.datasetId(),
            s.agreementId(), s.purpose(), s.legalBasis(), s.caseRef(), JsonText.write(s.eventTypes()),
            JsonText.write(s.fields()), s.status().wire(), utc(s.createdAt()))
        .update();
  }

  /** Adds the pseudonyms not yet in scope; returns how many were added. */
  public int addSubjects(String subscriptionId, Collection<String> pseudonyms, Instant at) {
    int added = 0;
    for (String pseudonym : new TreeSet<>(pseudonyms)) {
      added += jdbc.sql("""
          insert into event_subscription_subject (subscription_id, subject_pseudonym, added_at)
          select ?, ?, ? where not exists (
              select 1 from event_subscription_subject where subscription_id = ? and subject_pseudonym = ?)""")
          .params(subscriptionId, pseudonym, utc(at), subscriptionId, pseudonym)
          .update();
    }
    return added;
  }

  public int removeSubjects(String subscriptionId, Collection<String> pseudonyms) {
    int removed = 0;
    for (String pseudonym : new TreeSet<>(pseudonyms)) {
      removed += jdbc.sql("delete from event_subscription_subject where subscription_id = ? and subject_pseudonym = ?")
          .params(subscriptionId, pseudonym).update();
    }
    return removed;
  }

  public long subjectCount(String subscriptionId) {
    return jdbc.sql("select count(*) from event_subscription_subject where subscription_id = ?")
        .param(subscriptionId).query(Long.class).single();
  }

  public Optional<Subscription> find(String id) {
    return jdbc.sql("select " + WITH_COUNTS + " from event_subscription s where s.id = ?").param(id)
        .query((rs, n) -> map(rs, true)).optional();
  }

  /** A unit's subscriptions, newest first. */
  public List<Subscription> ofUnit(String agency, String unit) {
    return jdbc.sql("select " + WITH_COUNTS + " from event_subscription s where s.agency = ? and s.unit = ? "
            + "order by s.created_at desc, s.id")
        .params(agency, unit).query((rs, n) -> map(rs, true)).list();
  }

  /** Sets an active subscription cancelled; false if it was not active. */
  public boolean cancel(String id, Instant at) {
    return jdbc.sql("update event_subscription set status = 'cancelled', cancelled_at = ? where id = ? and status = 'active'")
        .params(utc(at), id).update() == 1;
  }

  /** Active subscriptions to the dataset whose scope holds the subject (counts are not read: zero). */
  public List<Subscription> activeInScope(String datasetId, String subjectPseudonym) {
    return jdbc.sql("select " + COLUMNS + " " + """
         from event_subscription s join event_subscription_subject x on x.subscription_id = s.id
         where s.dataset_id = ? and s.status = 'active' and x.subject_pseudonym = ?
         order by s.created_at, s.id""")
        .params(datasetId, subjectPseudonym).query((rs, n) -> map(rs, false)).list();
  }

  public boolean decided(String subscriptionId, String eventId) {
    return jdbc.sql("select count(*) from event_delivery where subscription_id = ? and event_id = ?")
        .params(subscriptionId, eventId).query(Long.class).single() > 0;
  }

  /** Records a decision; a second one for the same (subscription, event) fails with a duplicate key. */
  public void insertDelivery(Delivery d) {
    jdbc.sql("""
        insert into event_delivery (subscription_id, event_id, event_type, request_id, ledger_entry_id, decision,
            reasons, record, decided_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(d.subscriptionId(), d.eventId(), d.eventType(), d.requestId(), d.ledgerEntryId(),
            d.allowed() ? "allow" : "deny", JsonText.write(d.reasonCodes()),
            d.allowed() ? JsonText.write(d.record()) : null, utc(d.decidedAt()))
        .update();
  }

  /** Delivered events of a subscription after the given seq, oldest first (expired ones are gone). */
  public List<DeliveredEvent> feed(String subscriptionId, long after, int limit) {
    return jdbc.sql("""
        select seq, subscription_id, event_id, event_type, decided_at, ledger_entry_id, record from event_delivery
        where subscription_id = ? and decision = 'allow' and record is not null and seq > ?
        order by seq limit ?""")
        .params(subscriptionId, after, limit)
        .query((rs, n) -> new DeliveredEvent(rs.getLong("seq"), rs.getString("subscription_id"),
            rs.getString("event_id"), rs.getString("event_type"), instant(rs, "decided_at"),
            rs.getString("ledger_entry_id"), JsonText.readMap(rs.getString("record"))))
        .list();
  }

  /** Erases the content of deliveries decided before the instant; returns how many. */
  public int eraseContentBefore(Instant before) {
    return jdbc.sql("update event_delivery set record = null where record is not null and decided_at < ?")
        .param(utc(before)).update();
  }

  private static Subscription map(ResultSet rs, boolean counts) throws SQLException {
    return new Subscription(rs.getString("id"), rs.getString("agency"), rs.getString("unit"), rs.getString("officer"),
        new TreeSet<>(JsonText.readList(rs.getString("roles"))), rs.getString("dataset_id"),
        rs.getString("agreement_id"), rs.getString("purpose"), rs.getString("legal_basis"), rs.getString("case_ref"),
        JsonText.readList(rs.getString("event_types")), JsonText.readList(rs.getString("fields")),
        SubscriptionStatus.fromWire(rs.getString("status")), instant(rs, "created_at"), instant(rs, "cancelled_at"),
        counts ? rs.getLong("subjects") : 0, counts ? rs.getLong("delivered") : 0, counts ? rs.getLong("denied") : 0,
        counts ? JsonText.readList(rs.getString("last_denial")) : List.of());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
