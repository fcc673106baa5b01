package org.gdxhub.policy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.Dataset;

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

  /** Agreement validity dates and daily quotas count Thai calendar days. */
  public static final ZoneId CALENDAR_ZONE = ZoneId.of("Asia/Bangkok");

  public record Officer(String id, Set<String> roles) {}

  /** Counters the hub supplies for quota rules. */
  public record Usage(@JsonProperty("agreement_today") long agreementToday) {}

  public record DatasetFacts(String id, String classification, String status, @JsonProperty("owner_agency") String ownerAgency,
      List<FieldFacts> fields) {

    public static DatasetFacts of(Dataset dataset) {
      return new DatasetFacts(dataset.id(), dataset.classification().wire(), dataset.status().wire(),
          dataset.ownerAgency(),
          dataset.fields().stream().map(f -> new FieldFacts(f.name(), f.personal(), f.biometric())).toList());
    }
  }

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
      @JsonProperty("daily_quota") int dailyQuota) {

    /** The agreement's facts, or null (no agreement) for null. */
    public static AgreementFacts of(Agreement agreement) {
      return agreement == null ? null
          : new AgreementFacts(agreement.id(), agreement.version(), agreement.status().wire(), agreement.datasetId(),
              agreement.consumerAgency(), agreement.units(), agreement.purposes(), agreement.purposeFields(),
              agreement.legalBases(), agreement.fields(), agreement.validFrom().toString(),
              agreement.validUntil().toString(), agreement.onlineAccess(), agreement.dailyQuota());
    }
  }
}
