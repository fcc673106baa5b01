package org.gdxhub.ledger;

/** The exact policy input and result behind a ledger entry, stored for audit and replay. */
public record DecisionRecord(String engine, String inputJson, String resultJson) {}
