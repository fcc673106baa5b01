package org.gdxhub.events;

import java.util.List;
import java.util.regex.Pattern;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/**
 * What a unit submits to subscribe to an event dataset.
 *
 * @param subjectIds the clear identifiers in scope (13 digits with a valid check digit); the hub
 *     keeps only their pseudonyms
 * @param agreementId optional: the agreement to act under
 * @param eventTypes optional: e.g. {@code ["death_recorded"]}; empty means every type
 * @param fields optional: the fields wanted; empty means every field the policy releases
 */
public record CreateSubscription(
    String datasetId,
    String purpose,
    String legalBasis,
    String caseRef,
    String agreementId,
    List<String> eventTypes,
    List<String> fields,
    List<String> subjectIds) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public CreateSubscription {
    legalBasis = legalBasis == null ? "" : legalBasis.trim();
    caseRef = caseRef == null ? "" : caseRef.trim();
    agreementId = agreementId == null || agreementId.isBlank() ? null : agreementId.trim();
    eventTypes = eventTypes == null ? List.of() : eventTypes.stream().distinct().toList();
    fields = fields == null ? List.of() : fields.stream().distinct().toList();
    subjectIds = subjectIds == null ? List.of() : List.copyOf(subjectIds);
  }

  /** Rejects incomplete or malformed subscriptions with an invalid_request problem. */
  public CreateSubscription validated() {
    require(datasetId != null && !datasetId.isBlank(), "datasetId is required");
    if (purpose == null || purpose.isBlank()) {
      throw new HubException(ErrorCode.PURPOSE_REQUIRED, "state the purpose of the subscription");
    }
    require(purpose.length() <= 200 && legalBasis.length() <= 1000 && caseRef.length() <= 200,
        "purpose, legalBasis or caseRef is too long");
    require(eventTypes.stream().allMatch(t -> t != null && NAME.matcher(t).matches()),
        "eventTypes must be snake_case names such as death_recorded");
    require(fields.stream().allMatch(f -> f != null && NAME.matcher(f).matches()), "fields must be field names");
    return this;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new HubException(ErrorCode.INVALID_REQUEST, message);
    }
  }
}
