package org.gdxhub.catalog;

import java.util.concurrent.atomic.AtomicReference;

import org.gdxhub.catalog.internal.JdbcAgreementStore;
import org.gdxhub.catalog.internal.JdbcCatalogStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The datasets and agreements a lookup is decided on, from memory while the catalog has not
 * changed (ADR 0017). Each call reads the catalog's change counter (one primary-key row, raised
 * in the same transaction as every committed change, by whichever hub instance made it) and
 * answers from the snapshot of that revision; a new number starts an empty snapshot. So a
 * lookup never uses a dataset or agreement older than the last change committed before it
 * started, on this instance or any other, and no event or time-to-live is involved.
 */
@Service
public class CatalogSnapshotService {

  private final JdbcCatalogStore catalogStore;
  private final JdbcAgreementStore agreementStore;
  private final CatalogProperties.Cache config;
  private final AtomicReference<CatalogSnapshot> latest = new AtomicReference<>();

  public CatalogSnapshotService(JdbcCatalogStore catalogStore, JdbcAgreementStore agreementStore,
      CatalogProperties properties) {
    this.catalogStore = catalogStore;
    this.agreementStore = agreementStore;
    this.config = properties.cache();
  }

  /** The catalog as of now: one indexed read of the change counter, rows from memory when unchanged. */
  public CatalogSnapshot current() {
    if (!config.enabled() || insideWriteTransaction()) {
      // A write transaction may read its own uncommitted counter: never remember what it sees.
      return readThrough();
    }
    long revision = catalogStore.revision();
    CatalogSnapshot snapshot = latest.updateAndGet(s -> s == null || s.revision() < revision
        ? new CatalogSnapshot(revision, catalogStore, agreementStore, config.maxEntries()) : s);
    // A caller that read an older number than another caller already installed gets its own,
    // unshared snapshot: correct for it, and the newer shared one stays.
    return snapshot.revision() == revision ? snapshot
        : new CatalogSnapshot(revision, catalogStore, agreementStore, 0);
  }

  private CatalogSnapshot readThrough() {
    return new CatalogSnapshot(-1, catalogStore, agreementStore, 0);
  }

  private static boolean insideWriteTransaction() {
    return TransactionSynchronizationManager.isActualTransactionActive()
        && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
  }
}
