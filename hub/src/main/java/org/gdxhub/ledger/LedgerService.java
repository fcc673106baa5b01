package org.gdxhub.ledger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.gdxhub.ledger.internal.JdbcLedgerStore;
import org.gdxhub.ledger.internal.LedgerGroupCommit;
import org.gdxhub.ledger.internal.LedgerHashing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Appends exchanges to the hash-chained ledger, searches it, and verifies the chain. */
@Service
public class LedgerService {

  private final JdbcLedgerStore store;
  private final Clock clock;
  private final LedgerGroupCommit groupCommit;

  /** Without group commit: every append runs in the caller's transaction (tests, tools). */
  public LedgerService(JdbcLedgerStore store, Clock clock) {
    this(store, clock, null);
  }

  @Autowired
  public LedgerService(JdbcLedgerStore store, Clock clock, LedgerGroupCommit groupCommit) {
    this.store = store;
    this.clock = clock;
    this.groupCommit = groupCommit;
  }

  /**
   * Durably records the exchange and the decision behind it: returns only after the entry's
   * transaction committed. Inside a caller's transaction (e.g. a delivery row written with the
   * entry) the entry joins it; otherwise it goes through the group commit (ADR 0015).
   *
   * @throws LedgerUnavailableException when it could not be recorded; the caller must serve nothing
   */
  public LedgerEntry append(ExchangeRecord exchange, DecisionRecord decision) {
    try {
      if (groupCommit != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
        return groupCommit.append(exchange, decision);
      }
      return store.append(exchange, decision, clock.instant());
    } catch (DataAccessException | TransactionException | IllegalStateException e) {
      throw new LedgerUnavailableException(e);
    }
  }

  @Transactional(readOnly = true)
  public Optional<LedgerEntry> entry(String id) {
    return store.find(id);
  }

  /** The entry written for a request id (every exchange has exactly one). */
  @Transactional(readOnly = true)
  public Optional<LedgerEntry> entryForRequest(String requestId) {
    return store.findByRequestId(requestId);
  }

  @Transactional(readOnly = true)
  public Optional<DecisionRecord> decision(String requestId) {
    return store.decision(requestId);
  }

  @Transactional(readOnly = true)
  public List<LedgerEntry> search(LedgerQuery query) {
    return store.search(query);
  }

  /**
   * How many lookups were served under the agreement since the instant (quota rules); lookups
   * for certified extracts (outcome {@code extract_issued}) count too.
   */
  @Transactional(readOnly = true)
  public long servedUnderAgreementSince(String agreementId, java.time.Instant since) {
    try {
      return store.servedUnderAgreementSince(agreementId, since);
    } catch (DataAccessException e) {
      // Without the ledger there is no quota check and no entry to write: serve nothing.
      throw new LedgerUnavailableException(e);
    }
  }

  /** How many entries with this outcome (e.g. {@code delivered}) the agreement has since the instant (quota rules). */
  @Transactional(readOnly = true)
  public long countUnderAgreementSince(String agreementId, String outcome, java.time.Instant since) {
    try {
      return store.countUnderAgreementSince(agreementId, outcome, since);
    } catch (DataAccessException e) {
      throw new LedgerUnavailableException(e);
    }
  }

  /** The most recent policy decisions (not input rejections), newest first, for replay. */
  @Transactional(readOnly = true)
  public List<StoredDecision> recentDecisions(int limit) {
    return store.recentDecisions(limit);
  }

  @Transactional(readOnly = true)
  public long count() {
    return store.count();
  }

  /** Recomputes every hash and link in chain order and reports the first entry that fails. */
  @Transactional(readOnly = true)
  public ChainVerification verify() {
    var state = new Object() {
      long checked;
      long expectedSeq = 1;
      String expectedPrev = LedgerHashing.GENESIS_HASH;
      ChainVerification.BrokenEntry broken;
    };
    store.forEachRow(stored -> {
      if (state.broken != null) {
        return;
      }
      LedgerHashing.Row row = stored.row();
      String problem = null;
      if (row.seq() != state.expectedSeq) {
        problem = "sequence gap: expected " + state.expectedSeq;
      } else if (!row.prevHash().equals(state.expectedPrev)) {
        problem = "prev_hash does not match the previous entry's hash";
      } else if (!LedgerHashing.hash(row).equals(stored.hash())) {
        problem = "content does not match its hash";
      }
      if (problem != null) {
        state.broken = new ChainVerification.BrokenEntry(row.seq(), row.id(), problem);
        return;
      }
      state.checked++;
      state.expectedSeq++;
      state.expectedPrev = stored.hash();
    });
    return new ChainVerification(state.broken == null, state.checked, state.broken);
  }
}
