package org.gdxhub.governance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.JsonText;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.ledger.StoredDecision;
import org.gdxhub.policy.PolicyCandidates;
import org.gdxhub.policy.PolicyDecision;
import org.gdxhub.policy.PolicyEngine;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Re-evaluates the last N ledgered policy decisions under a candidate policy and reports
 * which would flip, with counts per reason: what a committee looks at before approving a
 * policy change. Both the policy in force and the candidate run on the stored inputs and
 * the current policy data, so the report shows the effect of the policy change alone.
 */
@Service
public class PolicyReplayService {

  public static final int MAX_DECISIONS = 100_000;

  private final LedgerService ledger;
  private final PolicyCandidates policies;
  private final JsonMapper json = JsonMapper.builder().build();

  public PolicyReplayService(LedgerService ledger, PolicyCandidates policies) {
    this.ledger = ledger;
    this.policies = policies;
  }

  public ReplayReport replay(byte[] candidateBundle, int lastDecisions) {
    if (lastDecisions < 1 || lastDecisions > MAX_DECISIONS) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "last must be between 1 and " + MAX_DECISIONS);
    }
    PolicyEngine candidate = policies.candidate(candidateBundle);
    PolicyEngine inForce = policies.inForce();
    List<StoredDecision> decisions = ledger.recentDecisions(lastDecisions);

    int unchanged = 0;
    int allowToDeny = 0;
    int denyToAllow = 0;
    int fieldsChanged = 0;
    int drift = 0;
    Map<String, Integer> added = new TreeMap<>();
    Map<String, Integer> removed = new TreeMap<>();
    List<ReplayReport.Flip> flips = new ArrayList<>();
    for (StoredDecision stored : decisions) {
      String input = stored.decision().inputJson();
      PolicyDecision before = inForce.decideJson(input);
      PolicyDecision after = candidate.decideJson(input);
      if (!sameOutcome(before, json.readValue(stored.decision().resultJson(), PolicyDecision.class))) {
        drift++;
      }
      Set<String> reasonsBefore = new HashSet<>(before.reasonCodes());
      Set<String> reasonsAfter = new HashSet<>(after.reasonCodes());
      reasonsAfter.stream().filter(r -> !reasonsBefore.contains(r)).forEach(r -> added.merge(r, 1, Integer::sum));
      reasonsBefore.stream().filter(r -> !reasonsAfter.contains(r)).forEach(r -> removed.merge(r, 1, Integer::sum));
      if (before.allow() != after.allow()) {
        if (before.allow()) {
          allowToDeny++;
        } else {
          denyToAllow++;
        }
        if (flips.size() < ReplayReport.MAX_LISTED) {
          flips.add(new ReplayReport.Flip(stored.requestId(), stored.ledgerEntryId(), before.allow(), after.allow(),
              before.reasonCodes(), after.reasonCodes()));
        }
      } else if (before.allow() && !before.fields().equals(after.fields())) {
        fieldsChanged++;
      } else if (reasonsBefore.equals(reasonsAfter)) {
        unchanged++;
      }
    }
    return new ReplayReport(decisions.size(), unchanged, allowToDeny + denyToAllow, allowToDeny, denyToAllow, added,
        removed, fieldsChanged, drift, flips);
  }

  private static boolean sameOutcome(PolicyDecision a, PolicyDecision b) {
    return a.allow() == b.allow() && a.reasonCodes().equals(b.reasonCodes()) && a.fields().equals(b.fields());
  }

  /** JSON of a report, for logs. */
  public static String toJson(ReplayReport report) {
    return JsonText.write(report);
  }
}
