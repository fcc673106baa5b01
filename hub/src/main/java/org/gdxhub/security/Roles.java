package org.gdxhub.security;

import java.util.List;

/**
 * The hub's roles, as they appear in the {@code roles} claim of a token or on an API key.
 * Spring Security sees each as the authority {@code ROLE_<role>}.
 */
public final class Roles {

  /** A data owner's steward: registers and publishes datasets, decides access requests, amends agreements. */
  public static final String OWNER_STEWARD = "owner_steward";
  /** A consuming agency's officer: requests access and looks records up. */
  public static final String CONSUMER_OFFICER = "consumer_officer";
  /** Heads a consuming unit: looks up like an officer and reviews the own agency's ledger. */
  public static final String UNIT_HEAD = "unit_head";
  /** A governance committee member: ledger search (also by clear subject ID), statistics, anomalies, replay. */
  public static final String COMMITTEE = "committee";
  /** An auditor: reads and verifies the ledger and the admin audit stream. */
  public static final String AUDITOR = "auditor";
  /** Runs the hub: API keys, key rotation, reindex, agencies, metrics. */
  public static final String OPERATOR = "operator";
  /** A service role for the OPA server that pulls the policy bundles (API key only). */
  public static final String POLICY_READER = "policy_reader";

  /** The roles people hold. */
  public static final List<String> PEOPLE = List.of(OWNER_STEWARD, CONSUMER_OFFICER, UNIT_HEAD, COMMITTEE, AUDITOR,
      OPERATOR);
  /** Every role the hub recognises; any other value in a token is ignored. */
  public static final List<String> ALL = List.of(OWNER_STEWARD, CONSUMER_OFFICER, UNIT_HEAD, COMMITTEE, AUDITOR,
      OPERATOR, POLICY_READER);

  private Roles() {}
}
