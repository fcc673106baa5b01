package org.gdxhub.ledger;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of ledger search, under {@code hub.ledger.search.*}.
 *
 * @param backend {@code lucene} (embedded default, on disk) or {@code elasticsearch}
 * @param zone the reporting time zone: months, days and office hours are computed in it when an
 *     entry is indexed (changing it, or the office hours, needs a reindex)
 * @param officeHours lookups outside these hours on working days are flagged
 * @param followInterval how often the index catches up with the system of record by itself
 *     (indexing entries after its checkpoint); {@code 0s} turns it off
 * @param reindexBatchSize entries read from the system of record and indexed per batch
 */
@ConfigurationProperties("hub.ledger.search")
public record LedgerSearchProperties(
    @DefaultValue("lucene") String backend,
    @DefaultValue("Asia/Bangkok") ZoneId zone,
    @DefaultValue OfficeHours officeHours,
    @DefaultValue("5s") Duration followInterval,
    @DefaultValue("2000") int reindexBatchSize,
    @DefaultValue Lucene lucene,
    @DefaultValue Elasticsearch elasticsearch,
    @DefaultValue Anomalies anomalies) {

  public static final String LUCENE = "lucene";
  public static final String ELASTICSEARCH = "elasticsearch";

  /** Working days and hours in {@link #zone()}; {@code end} is exclusive. */
  public record OfficeHours(
      @DefaultValue("08:30") LocalTime start,
      @DefaultValue("16:30") LocalTime end,
      @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> workdays) {}

  /** @param path the index directory; defaults to {@code ${hub.data-dir}/ledger-index} */
  public record Lucene(@DefaultValue("./data/ledger-index") String path) {}

  /**
   * @param url the cluster's HTTP address (comma-separated for several nodes)
   * @param index the index name; an index template of the same name holds its mappings
   * @param replicas number of replicas per shard
   * @param refreshInterval how often new entries become searchable. 500 ms, not Elasticsearch's
   *     1 s: the refresh wait is most of the indexing lag, and the ledger's target is ≤ 1 s from
   *     commit to search at 5,000 entries/s (docs/benchmarks.md, "Ledger search")
   */
  public record Elasticsearch(
      @DefaultValue("http://localhost:9200") String url,
      @DefaultValue("gdx-ledger") String index,
      String username,
      String password,
      @DefaultValue("1") int shards,
      @DefaultValue("1") int replicas,
      @DefaultValue("500ms") Duration refreshInterval) {}

  /**
   * @param volumeFactor k: an officer's day is flagged above k times their own or their unit's median
   * @param minDailyVolume days below this many lookups are never flagged for volume
   * @param baselineDays the window before a day whose median is the baseline
   * @param repeatedDenials denials of one officer in one day from which the day is flagged
   * @param subjectUnits distinct units looking up one subject from which it is flagged
   * @param evidenceLimit entry ids listed per anomaly (the total is always given)
   */
  public record Anomalies(
      @DefaultValue("3") double volumeFactor,
      @DefaultValue("20") long minDailyVolume,
      @DefaultValue("30") int baselineDays,
      @DefaultValue("3") long repeatedDenials,
      @DefaultValue("3") int subjectUnits,
      @DefaultValue("20") int evidenceLimit) {}
}
