package org.gdxhub.exchange.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.common.BoundedMemo;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.JsonText;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.policy.PolicyInput;

/** Turns a lookup and the catalog facts around it into the policy input contract. */
public class PolicyInputFactory {

  /** Agreement validity dates are Thai calendar days. */
  public static final ZoneId HUB_ZONE = PolicyInput.CALENDAR_ZONE;

  // How Jackson writes a policy input without its facts: components in declaration order.
  private static final String NO_FACTS = ",\"dataset\":null,\"agreement\":null,";
  // A catalog has few datasets and agreement versions.
  private final BoundedMemo<Object, String> factJson = new BoundedMemo<>(4096, JsonText::write);

  public PolicyInput build(CallerIdentity caller, Dataset dataset, Agreement agreement, LookupRequest request,
      boolean subjectValid, long agreementUsageToday, Instant now) {
    return new PolicyInput(caller.agency(), caller.unit(),
        new PolicyInput.Officer(caller.officer(), new java.util.TreeSet<>(caller.roles())),
        PolicyInput.DatasetFacts.of(dataset), PolicyInput.AgreementFacts.of(agreement), request.purpose(),
        request.legalBasis(), request.caseRef() == null ? "" : request.caseRef(), request.cardPresent(),
        request.subjectType(), subjectValid, List.copyOf(request.fields()), new PolicyInput.Usage(agreementUsageToday),
        now.toString(), now.atZone(HUB_ZONE).toLocalDate().toString());
  }

  /**
   * The input's JSON text, exactly as {@link JsonText#write} gives it, with the dataset and
   * agreement facts written once per distinct value and reused: they are most of the input and
   * repeat for every lookup under one agreement version.
   */
  public String json(PolicyInput input) {
    String rest = JsonText.write(new PolicyInput(input.agency(), input.unit(), input.officer(), null, null,
        input.purpose(), input.legalBasis(), input.caseRef(), input.cardPresent(), input.subjectType(),
        input.subjectValid(), input.requestedFields(), input.usage(), input.time(), input.date()));
    // The marker's quotes would be escaped inside a string, so it is found only where the facts go.
    int at = rest.indexOf(NO_FACTS);
    if (at < 0) {
      return JsonText.write(input);
    }
    return new StringBuilder(rest.length() + 1536).append(rest, 0, at)
        .append(",\"dataset\":").append(factJson(input.dataset()))
        .append(",\"agreement\":").append(factJson(input.agreement()))
        .append(rest, at + NO_FACTS.length() - 1, rest.length()).toString();
  }

  private String factJson(Object fact) {
    return fact == null ? "null" : factJson.get(fact);
  }
}
