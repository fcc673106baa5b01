package org.gdxhub.catalog;

/**
 * An agreement was approved, amended, suspended or revoked (published after commit to
 * listeners such as the policy data bundle).
 *
 * @param change approved, amended, suspended or revoked
 */
public record AgreementChanged(Agreement agreement, String change) {}
