package org.gdxhub.connectors.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.gdxhub.connectors.ConnectorGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The list-valued fields of a JDBC flow (house members, moves): one query each, with named
 * parameters taken from the main row's columns (lower-cased) or {@code subject_id}. Runs
 * inside the route's circuit breaker, with the source's query timeout.
 */
public class JdbcListQueries {

  private final NamedParameterJdbcTemplate jdbc;
  private final Map<String, String> lists;

  public JdbcListQueries(DataSource dataSource, Map<String, String> lists, int queryTimeoutSeconds) {
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setQueryTimeout(queryTimeoutSeconds);
    this.jdbc = new NamedParameterJdbcTemplate(template);
    this.lists = Map.copyOf(lists);
  }

  /** The row with lower-cased column names plus one entry per list; null stays null (no such subject). */
  public Map<String, Object> addLists(@Body Map<String, Object> row, @Header(ConnectorGateway.SUBJECT_ID) String subject) {
    if (row == null) {
      return null;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    row.forEach((k, v) -> record.put(k.toLowerCase(), v));
    Map<String, Object> parameters = new LinkedHashMap<>(record);
    parameters.put("subject_id", subject);
    lists.forEach((field, sql) -> {
      List<Map<String, Object>> rows = jdbc.queryForList(sql, parameters);
      record.put(field, FieldProjection.plain(rows));
    });
    return record;
  }
}
