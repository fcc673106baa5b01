package org.gdxhub.catalog;

/**
 * A consuming agency asked for access, or the owner rejected the request (an approval is an
 * {@link AgreementChanged}). Published inside the change's transaction.
 *
 * @param change submitted or rejected
 * @param actor who made the change: agency/unit/officer
 */
public record AccessRequestChanged(AccessRequest request, String change, String actor) {}
