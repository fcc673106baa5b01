package org.gdxhub.exchange.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.policy.PolicyInput;

/** Turns a lookup and the catalog facts around it into the policy input contract. */
public class PolicyInputFactory {

  /** Agreement validity dates are Thai calendar days. */
  public static final ZoneId HUB_ZONE = PolicyInput.CALENDAR_ZONE;

  public PolicyInput build(CallerIdentity caller, Dataset dataset, Agreement agreement, LookupRequest request,
      boolean subjectValid, long agreementUsageToday, Instant now) {
    return new PolicyInput(caller.agency(), caller.unit(),
        new PolicyInput.Officer(caller.officer(), new java.util.TreeSet<>(caller.roles())),
        PolicyInput.DatasetFacts.of(dataset), PolicyInput.AgreementFacts.of(agreement), request.purpose(),
        request.legalBasis(), request.caseRef() == null ? "" : request.caseRef(), request.cardPresent(),
        request.subjectType(), subjectValid, List.copyOf(request.fields()), new PolicyInput.Usage(agreementUsageToday),
        now.toString(), now.atZone(HUB_ZONE).toLocalDate().toString());
  }
}
