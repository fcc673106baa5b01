package org.gdxhub.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.gdxhub.common.JsonText;
import org.gdxhub.policy.PolicyInput.AgreementFacts;
import org.gdxhub.policy.PolicyInput.DatasetFacts;
import org.gdxhub.policy.PolicyInput.FieldFacts;

/** Builds policy inputs for tests: an allowed lookup by default, each setter breaks or bends one fact. */
public final class PolicyInputBuilder {

  public static final String AGENCY = "district";
  public static final String AGREEMENT_ID = "agr-1";

  public String agency = AGENCY;
  public String unit = "registration";
  public Set<String> roles = new TreeSet<>(Set.of("consumer_officer"));
  public String datasetId = "civil-record";
  public String classification = "personal";
  public String datasetStatus = "published";
  public List<FieldFacts> fields = List.of(new FieldFacts("citizen_id", true, false),
      new FieldFacts("first_name_th", true, false), new FieldFacts("birth_date", true, false),
      new FieldFacts("face_image", true, true));
  public boolean withAgreement = true;
  public String agreementId = AGREEMENT_ID;
  public int agreementVersion = 1;
  public String agreementStatus = "approved";
  public String agreementDataset = "civil-record";
  public String consumerAgency = AGENCY;
  public List<String> agreementUnits = List.of();
  public List<String> purposes = List.of("welfare", "tax");
  public Map<String, List<String>> purposeFields = new LinkedHashMap<>(Map.of("tax", List.of("citizen_id")));
  public List<String> legalBases = List.of("Civil Registration Act");
  public List<String> grantedFields = List.of("citizen_id", "first_name_th", "birth_date");
  public String validFrom = "2026-01-01";
  public String validUntil = "2027-12-31";
  public boolean onlineAccess = false;
  public int dailyQuota = 0;
  public String purpose = "welfare";
  public String legalBasis = "Civil Registration Act";
  public String caseRef = "CASE-1";
  public boolean cardPresent = true;
  public String subjectType = "citizen_id";
  public boolean subjectValid = true;
  public List<String> requestedFields = List.of();
  public long usageToday = 0;
  public String date = "2026-11-23";

  public PolicyInput build() {
    AgreementFacts agreement = withAgreement
        ? new AgreementFacts(agreementId, agreementVersion, agreementStatus, agreementDataset, consumerAgency,
            agreementUnits, purposes, purposeFields, legalBases, grantedFields, validFrom, validUntil, onlineAccess,
            dailyQuota)
        : null;
    return new PolicyInput(agency, unit, new PolicyInput.Officer("officer-1", roles),
        new DatasetFacts(datasetId, classification, datasetStatus, "cro", fields), agreement, purpose, legalBasis,
        caseRef, cardPresent, subjectType, subjectValid, new ArrayList<>(requestedFields),
        new PolicyInput.Usage(usageToday), date + "T03:00:00Z", date);
  }

  /** The policy data that goes with these inputs: agency district (two units), agreement agr-1 v1 approved. */
  public static PolicyData data() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("agencies", Map.of(AGENCY, Map.of("units", List.of("registration", "revenue")),
        "cro", Map.of("units", List.of("registration-bureau"))));
    document.put("agreements", Map.of(AGREEMENT_ID, Map.of("version", 1, "status", "approved")));
    return new PolicyData("test-data-1", JsonText.write(document));
  }
}
