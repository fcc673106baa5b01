/**
 * Policy decisions: builds nothing itself, evaluates the Rego bundle from {@code policies/}
 * on the policy input contract (DESIGN §3) and returns allow/deny, reasons and released
 * fields. Fails closed: any engine failure is a deny with {@code policy_unavailable}.
 */
package org.gdxhub.policy;
