package org.gdxhub.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the catalog module, under {@code hub.catalog.*}.
 *
 * @param cache the in-memory datasets and agreements of the lookup path (ADR 0017)
 */
@ConfigurationProperties("hub.catalog")
public record CatalogProperties(@DefaultValue Cache cache) {

  /**
   * @param enabled keep datasets and agreements in memory between catalog changes; false reads
   *     them from the database on every lookup (for comparison; the answers are the same)
   * @param maxEntries at most this many datasets, agreements and agreement lists per catalog revision
   */
  public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int maxEntries) {}
}
