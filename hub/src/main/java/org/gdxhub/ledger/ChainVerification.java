package org.gdxhub.ledger;

/**
 * Result of recomputing the hash chain.
 *
 * @param firstBroken the first entry whose hash or link does not check out, or null when valid
 */
public record ChainVerification(boolean valid, long entriesChecked, BrokenEntry firstBroken) {

  public record BrokenEntry(long seq, String id, String problem) {}
}
