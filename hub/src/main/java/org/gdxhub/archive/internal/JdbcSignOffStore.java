package org.gdxhub.archive.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.gdxhub.archive.SignOff;
import org.gdxhub.archive.SignOffStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Unit heads' monthly sign-offs in the system of record (table {@code unit_sign_off}). */
public class JdbcSignOffStore {

  private final JdbcClient jdbc;

  public JdbcSignOffStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the sign-off, replacing the unit's earlier one for the month (a unit head may correct it until the deadline). */
  public void save(SignOff s) {
    int updated = jdbc.sql("""
        update unit_sign_off set status = ?, note = ?, lookups = ?, signed_by = ?, signed_at = ?
        where agency = ? and unit = ? and period = ?""")
        .params(s.status().wire(), s.note(), s.lookups(), s.signedBy(), JdbcArchiveStore.utc(s.signedAt()),
            s.agency(), s.unit(), s.month())
        .update();
    if (updated == 0) {
      jdbc.sql("""
          insert into unit_sign_off (agency, unit, period, status, note, lookups, signed_by, signed_at)
          values (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(s.agency(), s.unit(), s.month(), s.status().wire(), s.note(), s.lookups(), s.signedBy(),
              JdbcArchiveStore.utc(s.signedAt()))
          .update();
    }
  }

  public Optional<SignOff> find(String agency, String unit, String month) {
    return jdbc.sql("select * from unit_sign_off where agency = ? and unit = ? and period = ?")
        .params(agency, unit, month).query((rs, n) -> signOff(rs)).optional();
  }

  public List<SignOff> month(String month) {
    return jdbc.sql("select * from unit_sign_off where period = ? order by agency, unit").param(month)
        .query((rs, n) -> signOff(rs)).list();
  }

  private static SignOff signOff(ResultSet rs) throws SQLException {
    return new SignOff(rs.getString("agency"), rs.getString("unit"), rs.getString("period"),
        SignOffStatus.fromWire(rs.getString("status")), rs.getString("note"), rs.getLong("lookups"),
        rs.getString("signed_by"), JdbcArchiveStore.instant(rs, "signed_at"));
  }
}
