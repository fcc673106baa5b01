package org.gdxhub.connectors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handle on the population registry's database as the connector sees it. Deliberately not a
 * {@link DataSource} bean, so that it never competes with the hub's own system of record.
 *
 * <p>The demo registry also has the registry clerk's two changes, {@link #recordDeath} and
 * {@link #recordMove}: each writes the change and its change event (the registry's outbox
 * table {@code change_event}) in one transaction; the registry then publishes the event to its
 * change-event stream. A real registry does this in its own systems; the hub opens a real
 * registry read-only, so these fail there.
 */
public final class PopulationRegistry implements AutoCloseable {

  /** Name under which the data source is bound in Camel's registry for the SQL endpoints. */
  public static final String DATA_SOURCE_NAME = "populationRegistryDataSource";

  /** Change event types of the registry's stream. */
  public static final String DEATH_RECORDED = "death_recorded";
  public static final String ADDRESS_MOVED = "address_moved";

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public PopulationRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws Exception {
    if (dataSource instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** A few citizen IDs that exist in the registry, for demos and tests. */
  public List<String> sampleCitizenIds(int count) {
    return JdbcClient.create(dataSource).sql("select citizen_id from citizen order by citizen_id")
        .query(String.class).list().stream().limit(count).toList();
  }

  /** A few living citizens, for demos and tests of change events. */
  public List<String> sampleLivingCitizenIds(int count) {
    return jdbc.sql("select citizen_id from citizen where status = 'alive' order by citizen_id")
        .query(String.class).list().stream().limit(count).toList();
  }

  /**
   * The registrar records a death: the citizen's status becomes {@code dead} and a
   * {@code death_recorded} event is queued for the stream.
   *
   * @return the event id
   * @throws HubException {@code subject_not_found} for an unknown citizen, {@code invalid_state} when
   *     the death is already recorded or the registry is read-only
   */
  public String recordDeath(String citizenId, LocalDate dateOfDeath) {
    return write(() -> {
      String status = jdbc.sql("select status from citizen where citizen_id = ? for update").param(citizenId)
          .query(String.class).optional()
          .orElseThrow(() -> new HubException(ErrorCode.SUBJECT_NOT_FOUND, "the registry holds no such citizen"));
      if ("dead".equals(status)) {
        throw new HubException(ErrorCode.INVALID_STATE, "the death is already recorded");
      }
      jdbc.sql("update citizen set status = 'dead', date_of_death = ? where citizen_id = ?")
          .params(dateOfDeath, citizenId).update();
      return queueEvent(DEATH_RECORDED, citizenId, dateOfDeath, null, null);
    });
  }

  /**
   * The registrar records a move to another house: a move out of the current house and into
   * the new one, and an {@code address_moved} event queued for the stream.
   *
   * @param toHouseId the new house; null picks another house of the registry (demos)
   * @return the event id
   */
  public String recordMove(String citizenId, String toHouseId, LocalDate movedOn) {
    return write(() -> {
      String from = jdbc.sql("select house_id from citizen where citizen_id = ? for update").param(citizenId)
          .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
          .orElseThrow(() -> new HubException(ErrorCode.SUBJECT_NOT_FOUND, "the registry holds no such citizen"))
          .orElse(null);
      String to = toHouseId != null ? toHouseId : jdbc.sql(
              "select house_id from house where house_id <> ? order by house_id limit 1")
          .param(from == null ? "" : from).query(String.class).single();
      if (to.equals(from)) {
        throw new HubException(ErrorCode.INVALID_STATE, "the citizen already lives in house " + to);
      }
      if (jdbc.sql("select count(*) from house where house_id = ?").param(to).query(Integer.class).single() == 0) {
        throw new HubException(ErrorCode.NOT_FOUND, "no house " + to);
      }
      if (from != null) {
        jdbc.sql("insert into house_move (citizen_id, moved_on, direction, house_id) values (?, ?, 'out', ?)")
            .params(citizenId, movedOn, from).update();
      }
      jdbc.sql("insert into house_move (citizen_id, moved_on, direction, house_id) values (?, ?, 'in', ?)")
          .params(citizenId, movedOn, to).update();
      jdbc.sql("update citizen set house_id = ? where citizen_id = ?").params(to, citizenId).update();
      return queueEvent(ADDRESS_MOVED, citizenId, movedOn, from, to);
    });
  }

  /** Change events recorded but not yet accepted by the stream. */
  public long unpublishedChanges() {
    return jdbc.sql("select count(*) from change_event where published_at is null").query(Long.class).single();
  }

  private String queueEvent(String type, String citizenId, LocalDate occurredOn, String fromHouse, String toHouse) {
    String eventId = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into change_event (event_id, event_type, citizen_id, occurred_on, recorded_at, from_house_id, to_house_id)
        values (?, ?, ?, ?, ?, ?, ?)""")
        .params(eventId, type, citizenId, occurredOn, Instant.now().atOffset(ZoneOffset.UTC), fromHouse, toHouse)
        .update();
    return eventId;
  }

  private String write(java.util.function.Supplier<String> change) {
    try {
      return tx.execute(status -> change.get());
    } catch (DataAccessException | org.springframework.transaction.TransactionException e) {
      throw new HubException(ErrorCode.INVALID_STATE,
          "the population registry did not accept the change (it is read-only unless the demo registry is seeded)", e);
    }
  }
}
