/**
 * Governance: what the committee uses to oversee the exchange. For now, policy-change replay
 * (preview the effect of a candidate policy on ledgered decisions before approving it).
 * Public API: {@link org.gdxhub.governance.PolicyReplayService}.
 */
package org.gdxhub.governance;
