package org.gdxhub.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The policy input contract (DESIGN §3; JSON schema policies/schemas/exchange-input.json),
 * serialised with the snake_case names the Rego bundle reads. Carries no clear subject
 * identifier: only its type and whether it is valid.
 */
public record PolicyInput(
    String agency,
    String unit,
    Officer officer,
    DatasetFacts dataset,
    AgreementFacts agreement,
    String purpose,
    @JsonProperty("legal_basis") String legalBasis,
    @JsonProperty("case_ref") String caseRef,
    @JsonProperty("card_present") boolean cardPresent,
    @JsonProperty("subject_type") String subjectType,
    @JsonProperty("subject_valid") boolean subjectValid,
    @JsonProperty("requested_fields") List<String> requestedFields,
    Usage usage,
    String time,
    String date) {

  public record Officer(String id, Set<String> roles) {}

  /** Counters the hub supplies for quota rules. */
  public record Usage(@JsonProperty("agreement_today") long agreementToday) {}

  public record DatasetFacts(String id, String classification, String status, @JsonProperty("owner_agency") String ownerAgency,
      List<FieldFacts> fields) {}

  public record FieldFacts(String name, boolean personal, boolean biometric) {}

  public record AgreementFacts(
      String id,
      int version,
      String status,
      @JsonProperty("dataset_id") String datasetId,
      @JsonProperty("consumer_agency") String consumerAgency,
      List<String> units,
      List<String> purposes,
      @JsonProperty("purpose_fields") Map<String, List<String>> purposeFields,
      @JsonProperty("legal_bases") List<String> legalBases,
      List<String> fields,
      @JsonProperty("valid_from") String validFrom,
      @JsonProperty("valid_until") String validUntil,
      @JsonProperty("online_access") boolean onlineAccess,
      @JsonProperty("daily_quota") int dailyQuota) {}
}
