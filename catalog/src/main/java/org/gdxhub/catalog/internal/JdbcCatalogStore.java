package org.gdxhub.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.Classification;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetField;
import org.gdxhub.catalog.DatasetStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agencies, units, datasets and fields in the system of record (H2 or PostgreSQL). */
@Repository
public class JdbcCatalogStore {

  private final JdbcClient jdbc;

  public JdbcCatalogStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insertAgency(Agency agency) {
    jdbc.sql("insert into agency (code, name_th, name_en, ministry) values (?, ?, ?, ?)")
        .params(agency.code(), agency.nameTh(), agency.nameEn(), agency.ministry()).update();
    for (Agency.AgencyUnit unit : agency.units()) {
      jdbc.sql("insert into agency_unit (agency_code, code, name_th, name_en) values (?, ?, ?, ?)")
          .params(agency.code(), unit.code(), unit.nameTh(), unit.nameEn()).update();
    }
    changed(jdbc);
  }

  /**
   * The catalog's change counter (ADR 0017): one primary-key read. Every committed change to an
   * agency, dataset or agreement has raised it, so an unchanged number means unchanged rows.
   */
  public long revision() {
    return jdbc.sql("select revision from catalog_revision where id = 1").query(Long.class).single();
  }

  /**
   * Raises the change counter inside the caller's transaction, so that the new number and the
   * change commit (or roll back) together. Every write to agency, dataset or agreement rows must
   * call this; the stores are their only writers.
   */
  static void changed(JdbcClient jdbc) {
    jdbc.sql("update catalog_revision set revision = revision + 1 where id = 1").update();
  }

  public Optional<Agency> findAgency(String code) {
    return jdbc.sql("select * from agency where code = ?").param(code)
        .query((rs, n) -> agency(rs)).optional();
  }

  public List<Agency> agencies() {
    return jdbc.sql("select * from agency order by code").query((rs, n) -> agency(rs)).list();
  }

  private Agency agency(ResultSet rs) throws SQLException {
    String code = rs.getString("code");
    List<Agency.AgencyUnit> units = jdbc.sql("select * from agency_unit where agency_code = ? order by code")
        .param(code)
        .query((u, n) -> new Agency.AgencyUnit(u.getString("code"), u.getString("name_th"), u.getString("name_en")))
        .list();
    return new Agency(code, rs.getString("name_th"), rs.getString("name_en"), rs.getString("ministry"), units);
  }

  public void insertDataset(Dataset d) {
    jdbc.sql("""
        insert into dataset (id, title_th, title_en, owner_agency, description, classification, legal_basis,
                             status, connector, version, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(d.id(), d.titleTh(), d.titleEn(), d.ownerAgency(), d.description(), d.classification().wire(),
            d.legalBasis(), d.status().wire(), d.connector(), d.version(), utc(d.createdAt()), utc(d.updatedAt()))
        .update();
    insertFields(d);
    changed(jdbc);
  }

  private void insertFields(Dataset d) {
    int position = 0;
    for (DatasetField f : d.fields()) {
      jdbc.sql("""
          insert into dataset_field (dataset_id, position, name, label_th, label_en, personal, biometric)
          values (?, ?, ?, ?, ?, ?, ?)""")
          .params(d.id(), position++, f.name(), f.labelTh(), f.labelEn(), f.personal(), f.biometric()).update();
    }
  }

  /**
   * Replaces the dataset's description and field list if it is still at the expected version
   * (optimistic locking); the status, owner and creation time stay.
   */
  public boolean updateDataset(Dataset d, int expectedVersion) {
    int updated = jdbc.sql("""
        update dataset set title_th = ?, title_en = ?, description = ?, classification = ?, legal_basis = ?,
                           connector = ?, version = version + 1, updated_at = ?
        where id = ? and version = ?""")
        .params(d.titleTh(), d.titleEn(), d.description(), d.classification().wire(), d.legalBasis(), d.connector(),
            utc(d.updatedAt()), d.id(), expectedVersion)
        .update();
    if (updated != 1) {
      return false;
    }
    jdbc.sql("delete from dataset_field where dataset_id = ?").param(d.id()).update();
    insertFields(d);
    changed(jdbc);
    return true;
  }

  /** Changes the status if the dataset is still at the expected version (optimistic locking). */
  public boolean updateStatus(String id, int expectedVersion, DatasetStatus status, Instant at) {
    boolean updated = jdbc.sql("update dataset set status = ?, version = version + 1, updated_at = ? where id = ? and version = ?")
        .params(status.wire(), utc(at), id, expectedVersion).update() == 1;
    if (updated) {
      changed(jdbc);
    }
    return updated;
  }

  public Optional<Dataset> findDataset(String id) {
    return jdbc.sql("select * from dataset where id = ?").param(id).query((rs, n) -> dataset(rs)).optional();
  }

  public List<Dataset> datasets(DatasetStatus status, String ownerAgency) {
    var sql = new StringBuilder("select * from dataset where 1 = 1");
    var params = new ArrayList<Object>();
    if (status != null) {
      sql.append(" and status = ?");
      params.add(status.wire());
    }
    if (ownerAgency != null) {
      sql.append(" and owner_agency = ?");
      params.add(ownerAgency);
    }
    sql.append(" order by id");
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> dataset(rs)).list();
  }

  private Dataset dataset(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<DatasetField> fields = jdbc.sql("select * from dataset_field where dataset_id = ? order by position")
        .param(id)
        .query((f, n) -> new DatasetField(f.getString("name"), f.getString("label_th"), f.getString("label_en"),
            f.getBoolean("personal"), f.getBoolean("biometric")))
        .list();
    return new Dataset(id, rs.getString("title_th"), rs.getString("title_en"), rs.getString("owner_agency"),
        rs.getString("description"), Classification.fromWire(rs.getString("classification")),
        rs.getString("legal_basis"), DatasetStatus.fromWire(rs.getString("status")), rs.getString("connector"),
        fields, rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
