package org.gdxhub.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.AgencyRegistered;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementChanged;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.common.JsonText;
import org.gdxhub.common.Sha256;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Builds the policy data document from the catalog: agencies with their units, and every
 * agreement's current version and status. Rebuilt lazily after a committed change, so the
 * in-process engine and the bundle served to OPA always carry the same revision. A change
 * committed by another hub instance sends no event here, so the document is also rebuilt when
 * it is older than {@link #MAX_AGE} (ADR 0014): an agreement suspended on one instance binds
 * every instance within seconds, like an OPA server's bundle polling.
 */
@Service
public class PolicyDataService {

  private final CatalogService catalog;
  private final AgreementService agreements;
  /** How long a built document is trusted without a local change event. */
  public static final java.time.Duration MAX_AGE = java.time.Duration.ofSeconds(2);

  private final AtomicLong generation = new AtomicLong();
  private volatile Cached cached = new Cached(-1, null, 0);

  public PolicyDataService(CatalogService catalog, AgreementService agreements) {
    this.catalog = catalog;
    this.agreements = agreements;
  }

  public PolicyData current() {
    Cached snapshot = cached;
    if (snapshot.generation() == generation.get() && fresh(snapshot)) {
      return snapshot.data();
    }
    synchronized (this) {
      // A change committed while we build bumps the generation again, so the next call rebuilds.
      long building = generation.get();
      if (cached.generation() != building || !fresh(cached)) {
        long builtAt = System.nanoTime();
        cached = new Cached(building, build(), builtAt);
      }
      return cached.data();
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(AgreementChanged event) {
    generation.incrementAndGet();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(AgencyRegistered event) {
    generation.incrementAndGet();
  }

  private static boolean fresh(Cached c) {
    return c.data() != null && System.nanoTime() - c.builtAtNanos() < MAX_AGE.toNanos();
  }

  private record Cached(long generation, PolicyData data, long builtAtNanos) {}

  private PolicyData build() {
    Map<String, Object> agencies = new TreeMap<>();
    for (Agency agency : catalog.agencies()) {
      agencies.put(agency.code(), Map.of("units", agency.units().stream().map(Agency.AgencyUnit::code).toList()));
    }
    Map<String, Object> agreementStates = new TreeMap<>();
    for (Agreement a : agreements.agreements(null, null)) {
      agreementStates.put(a.id(), Map.of("version", a.version(), "status", a.status().wire()));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("agencies", agencies);
    document.put("agreements", agreementStates);
    String json = JsonText.write(document);
    return new PolicyData(Sha256.hex(json), json);
  }
}
