package org.gdxhub.catalog.internal;

import static org.gdxhub.catalog.internal.JdbcCatalogStore.instant;
import static org.gdxhub.catalog.internal.JdbcCatalogStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gdxhub.catalog.AccessRequest;
import org.gdxhub.catalog.AccessRequestStatus;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementStatus;
import org.gdxhub.common.JsonText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Access requests and versioned agreements in the system of record. */
@Repository
public class JdbcAgreementStore {

  private final JdbcClient jdbc;

  public JdbcAgreementStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insertRequest(AccessRequest r) {
    jdbc.sql("""
        insert into access_request (id, dataset_id, consumer_agency, consumer_unit, purpose, legal_basis, fields,
                                    status, requested_by, requested_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.id(), r.datasetId(), r.consumerAgency(), r.consumerUnit(), r.purpose(), r.legalBasis(),
            JsonText.write(r.fields()), r.status().wire(), r.requestedBy(), utc(r.requestedAt()))
        .update();
  }

  /** Records the owner's decision if the request is still pending; false if someone decided first. */
  public boolean decideRequest(String id, AccessRequestStatus status, String decidedBy, Instant at, String reason,
      String agreementId) {
    return jdbc.sql("""
        update access_request set status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, agreement_id = ?
        where id = ? and status = 'pending'""")
        .params(status.wire(), decidedBy, utc(at), reason, agreementId, id).update() == 1;
  }

  public Optional<AccessRequest> findRequest(String id) {
    return jdbc.sql("select * from access_request where id = ?").param(id).query((rs, n) -> request(rs)).optional();
  }

  public List<AccessRequest> requests(String datasetId, String consumerAgency, AccessRequestStatus status) {
    var sql = new StringBuilder("select * from access_request where 1 = 1");
    var params = new ArrayList<Object>();
    if (datasetId != null) {
      sql.append(" and dataset_id = ?");
      params.add(datasetId);
    }
    if (consumerAgency != null) {
      sql.append(" and consumer_agency = ?");
      params.add(consumerAgency);
    }
    if (status != null) {
      sql.append(" and status = ?");
      params.add(status.wire());
    }
    sql.append(" order by requested_at, id");
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> request(rs)).list();
  }

  private static AccessRequest request(ResultSet rs) throws SQLException {
    return new AccessRequest(rs.getString("id"), rs.getString("dataset_id"), rs.getString("consumer_agency"),
        rs.getString("consumer_unit"), rs.getString("purpose"), rs.getString("legal_basis"),
        JsonText.readList(rs.getString("fields")), AccessRequestStatus.fromWire(rs.getString("status")),
        rs.getString("requested_by"), instant(rs, "requested_at"), rs.getString("decided_by"),
        instant(rs, "decided_at"), rs.getString("decision_reason"), rs.getString("agreement_id"));
  }

  /** Inserts version 1 of an agreement and its first revision. */
  public void insertAgreement(Agreement a) {
    jdbc.sql("""
        insert into agreement (id, version, dataset_id, owner_agency, consumer_agency, units, purposes, purpose_fields,
                               legal_bases, fields, valid_from, valid_until, status, online_access, daily_quota,
                               approved_by, approved_at, request_id)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(a.id(), a.version(), a.datasetId(), a.ownerAgency(), a.consumerAgency(), JsonText.write(a.units()),
            JsonText.write(a.purposes()), JsonText.write(a.purposeFields()), JsonText.write(a.legalBases()),
            JsonText.write(a.fields()), a.validFrom(), a.validUntil(), a.status().wire(), a.onlineAccess(),
            a.dailyQuota(), a.approvedBy(), utc(a.approvedAt()), a.requestId())
        .update();
    insertRevision(a, a.approvedBy(), a.approvedAt());
    JdbcCatalogStore.changed(jdbc);
  }

  /** Replaces the current agreement if it is still at {@code expectedVersion}; keeps the new revision. */
  public boolean updateAgreement(Agreement a, int expectedVersion, String changedBy, Instant at) {
    int updated = jdbc.sql("""
        update agreement set version = ?, units = ?, purposes = ?, purpose_fields = ?, legal_bases = ?, fields = ?,
                             valid_from = ?, valid_until = ?, status = ?, online_access = ?, daily_quota = ?
        where id = ? and version = ?""")
        .params(a.version(), JsonText.write(a.units()), JsonText.write(a.purposes()),
            JsonText.write(a.purposeFields()), JsonText.write(a.legalBases()), JsonText.write(a.fields()),
            a.validFrom(), a.validUntil(), a.status().wire(), a.onlineAccess(), a.dailyQuota(), a.id(),
            expectedVersion)
        .update();
    if (updated == 1) {
      insertRevision(a, changedBy, at);
      JdbcCatalogStore.changed(jdbc);
    }
    return updated == 1;
  }

  private void insertRevision(Agreement a, String changedBy, Instant at) {
    jdbc.sql("insert into agreement_revision (agreement_id, version, snapshot, changed_by, changed_at) values (?, ?, ?, ?, ?)")
        .params(a.id(), a.version(), JsonText.write(a), changedBy, utc(at)).update();
  }

  public Optional<Agreement> findAgreement(String id) {
    return jdbc.sql("select * from agreement where id = ?").param(id).query((rs, n) -> agreement(rs)).optional();
  }

  public List<Integer> revisions(String agreementId) {
    return jdbc.sql("select version from agreement_revision where agreement_id = ? order by version")
        .param(agreementId).query(Integer.class).list();
  }

  public List<Agreement> agreements(String consumerAgency, String datasetId) {
    var sql = new StringBuilder("select * from agreement where 1 = 1");
    var params = new ArrayList<Object>();
    if (consumerAgency != null) {
      sql.append(" and consumer_agency = ?");
      params.add(consumerAgency);
    }
    if (datasetId != null) {
      sql.append(" and dataset_id = ?");
      params.add(datasetId);
    }
    sql.append(" order by approved_at desc, id");
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> agreement(rs)).list();
  }

  private static Agreement agreement(ResultSet rs) throws SQLException {
    return new Agreement(rs.getString("id"), rs.getInt("version"), rs.getString("dataset_id"),
        rs.getString("owner_agency"), rs.getString("consumer_agency"), JsonText.readList(rs.getString("units")),
        JsonText.readList(rs.getString("purposes")), JsonText.readListMap(rs.getString("purpose_fields")),
        JsonText.readList(rs.getString("legal_bases")), JsonText.readList(rs.getString("fields")),
        rs.getObject("valid_from", java.time.LocalDate.class), rs.getObject("valid_until", java.time.LocalDate.class),
        AgreementStatus.fromWire(rs.getString("status")), rs.getBoolean("online_access"), rs.getInt("daily_quota"),
        rs.getString("approved_by"), instant(rs, "approved_at"),
        rs.getString("request_id"));
  }
}
