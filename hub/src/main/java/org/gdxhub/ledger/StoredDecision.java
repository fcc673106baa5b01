package org.gdxhub.ledger;

/** A ledgered policy decision with the request and ledger entry it belongs to. */
public record StoredDecision(String requestId, String ledgerEntryId, DecisionRecord decision) {}
