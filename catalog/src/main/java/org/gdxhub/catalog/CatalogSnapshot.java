package org.gdxhub.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gdxhub.catalog.internal.JdbcAgreementStore;
import org.gdxhub.catalog.internal.JdbcCatalogStore;

/**
 * The catalog as of one revision of its change counter, filled lazily from the database and
 * shared by every lookup that reads the same revision (ADR 0017). Rows are loaded after the
 * revision was read, so what it holds is never older than its revision. Only rows that exist are
 * kept (an unknown dataset or agreement id is asked again), so junk ids cannot fill it; each map
 * stops growing at {@code maxEntries} and reads through after that.
 */
public final class CatalogSnapshot {

  private final long revision;
  private final JdbcCatalogStore catalogStore;
  private final JdbcAgreementStore agreementStore;
  private final int maxEntries;
  private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
  private final Map<String, Agreement> agreements = new ConcurrentHashMap<>();
  private final Map<String, List<Agreement>> agreementsByConsumer = new ConcurrentHashMap<>();

  CatalogSnapshot(long revision, JdbcCatalogStore catalogStore, JdbcAgreementStore agreementStore, int maxEntries) {
    this.revision = revision;
    this.catalogStore = catalogStore;
    this.agreementStore = agreementStore;
    this.maxEntries = maxEntries;
  }

  /** The catalog change counter this snapshot belongs to; -1 for a read-through snapshot. */
  public long revision() {
    return revision;
  }

  public Optional<Dataset> dataset(String id) {
    Dataset cached = datasets.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Dataset> loaded = catalogStore.findDataset(id);
    loaded.ifPresent(d -> keep(datasets, id, d));
    return loaded;
  }

  public Optional<Agreement> agreement(String id) {
    Agreement cached = agreements.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Agreement> loaded = agreementStore.findAgreement(id);
    loaded.ifPresent(a -> keep(agreements, id, a));
    return loaded;
  }

  /** As {@link AgreementService#agreementForLookup}: the active agreement, else the most recent, else none. */
  public Optional<Agreement> agreementForLookup(String consumerAgency, String datasetId, LocalDate date) {
    String key = consumerAgency + '\u0000' + datasetId;
    List<Agreement> list = agreementsByConsumer.get(key);
    if (list == null) {
      list = List.copyOf(agreementStore.agreements(consumerAgency, datasetId));
      keep(agreementsByConsumer, key, list);
    }
    return AgreementService.forLookup(list, date);
  }

  private <V> void keep(Map<String, V> map, String key, V value) {
    if (maxEntries > 0 && map.size() < maxEntries) {
      map.putIfAbsent(key, value);
    }
  }
}
