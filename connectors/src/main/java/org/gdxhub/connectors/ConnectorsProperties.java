package org.gdxhub.connectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Configuration of the connectors module, under {@code hub.connectors.*}. */
@ConfigurationProperties("hub.connectors")
public record ConnectorsProperties(@DefaultValue PopulationRegistry populationRegistry) {

  /**
   * Where the population registry's database is. With {@code demo-seed} the hub creates the
   * demo schema and seeds {@code demo-people} synthetic citizens into it (embedded mode).
   */
  public record PopulationRegistry(
      @DefaultValue("jdbc:h2:mem:population-registry;DB_CLOSE_DELAY=-1") String jdbcUrl,
      @DefaultValue("sa") String username,
      @DefaultValue("") String password,
      @DefaultValue("true") boolean demoSeed,
      @DefaultValue("300") int demoPeople) {}
}
