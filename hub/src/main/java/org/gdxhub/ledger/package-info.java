/**
 * The central exchange ledger: an append-only hash chain with one entry per exchange
 * (served, denied or failed), written in the same transaction as the policy decision
 * record, searchable and verifiable. Public API: {@link org.gdxhub.ledger.LedgerService}.
 */
package org.gdxhub.ledger;
