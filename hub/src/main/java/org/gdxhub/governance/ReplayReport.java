package org.gdxhub.governance;

import java.util.List;
import java.util.Map;

/**
 * What a candidate policy would change on past decisions, compared with the policy in force
 * evaluated on the same stored inputs and the same current policy data.
 *
 * @param evaluated decisions replayed
 * @param flipped decisions whose allow/deny changes
 * @param reasonsAdded per reason code, how many decisions gain it under the candidate
 * @param reasonsRemoved per reason code, how many decisions lose it
 * @param fieldsChanged allowed-both-times decisions that release other fields
 * @param driftFromLedger decisions where the policy in force now differs from what was
 *     ledgered (the policy data changed since, e.g. an agreement was amended)
 * @param flips the first {@link #MAX_LISTED} flipped decisions, for inspection
 */
public record ReplayReport(
    int evaluated,
    int unchanged,
    int flipped,
    int allowToDeny,
    int denyToAllow,
    Map<String, Integer> reasonsAdded,
    Map<String, Integer> reasonsRemoved,
    int fieldsChanged,
    int driftFromLedger,
    List<Flip> flips) {

  public static final int MAX_LISTED = 100;

  public record Flip(String requestId, String ledgerEntryId, boolean allowBefore, boolean allowAfter,
      List<String> reasonsBefore, List<String> reasonsAfter) {}
}
