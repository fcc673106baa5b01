/**
 * The exchange pipeline: one lookup goes validate → find agreement → policy decision →
 * connector → project fields → ledger entry → response. Nothing is served without an allow
 * decision and a durable ledger entry. Public API: {@link org.gdxhub.exchange.ExchangeService}.
 */
package org.gdxhub.exchange;
