package org.gdxhub.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Builds the policy data document from the catalog: agencies with their units, and every
 * agreement's current version and status. Rebuilt lazily after a committed change, so the
 * in-process engine and the bundle served to OPA always carry the same revision.
 */
@Service
public class PolicyDataService {

  private final CatalogService catalog;
  private final AgreementService agreements;
  private final AtomicLong generation = new AtomicLong();
  private volatile Cached cached = new Cached(-1, null);

  public PolicyDataService(CatalogService catalog, AgreementService agreements) {
    this.catalog = catalog;
    this.agreements = agreements;
  }

  public PolicyData current() {
    Cached snapshot = cached;
    if (snapshot.generation() == generation.get()) {
      return snapshot.data();
    }
    synchronized (this) {
      // A change committed while we build bumps the generation again, so the next call rebuilds.
      long building = generation.get();
      if (cached.generation() != building) {
        cached = new Cached(building, build());
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

  private record Cached(long generation, PolicyData data) {}

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
    return new PolicyData(sha256(json), json);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
