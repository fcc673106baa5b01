package org.gdxhub.connectors;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Handle on the population registry's database as the connector sees it. Deliberately not a
 * {@link DataSource} bean, so that it never competes with the hub's own system of record.
 */
public final class PopulationRegistry implements AutoCloseable {

  /** Name under which the data source is bound in Camel's registry for the SQL endpoints. */
  public static final String DATA_SOURCE_NAME = "populationRegistryDataSource";

  private final DataSource dataSource;

  public PopulationRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
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
}
