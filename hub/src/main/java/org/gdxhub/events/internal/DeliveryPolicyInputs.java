package org.gdxhub.events.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.TreeSet;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.events.Subscription;
import org.gdxhub.policy.PolicyInput;

/**
 * The policy input for delivering one change event to one subscription: the exchange
 * policy's own contract, filled as for a lookup by the subscribing officer for the
 * subscription's purpose, legal basis and case reference, without a card (events are online
 * by nature, so the agreement must grant online access).
 */
public class DeliveryPolicyInputs {

  /** Agreement validity dates are Thai calendar days. */
  public static final ZoneId HUB_ZONE = PolicyInput.CALENDAR_ZONE;

  public PolicyInput build(Subscription s, Dataset dataset, Agreement agreement, String subjectType,
      boolean subjectValid, long agreementUsageToday, Instant now) {
    return new PolicyInput(s.agency(), s.unit(), new PolicyInput.Officer(s.officer(), new TreeSet<>(s.roles())),
        PolicyInput.DatasetFacts.of(dataset), PolicyInput.AgreementFacts.of(agreement), s.purpose(), s.legalBasis(),
        s.caseRef(), false, subjectType, subjectValid, s.fields(), new PolicyInput.Usage(agreementUsageToday),
        now.toString(), now.atZone(HUB_ZONE).toLocalDate().toString());
  }
}
