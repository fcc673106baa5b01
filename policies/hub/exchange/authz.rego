# Exchange authorisation: may this officer look up this subject in this dataset now, and
# which fields may be released?
#
# Input follows the policy contract (policies/schemas/exchange-input.json, DESIGN §3).
# The hub puts the agreement it found into the input, so a decision is a pure function of
# input + data and can be replayed from the ledgered decision record. Reference data comes
# from the hub's data bundle under data.gdx (agencies and their units, agreement status).
# METADATA
# scope: package
# schemas:
#   - input: schema["exchange-input"]
package hub.exchange

# Stable reason codes. They reach the API caller and the ledger; never rename one.
messages := {
	"invalid_subject_id": "The subject identifier is malformed or fails its check digit.",
	"unknown_agency": "The consuming agency is not registered with the hub.",
	"unit_not_in_agency": "The officer's unit is not a unit of the consuming agency.",
	"dataset_not_published": "The dataset is not published.",
	"clearance_required": "The dataset is classified secret and the officer holds no clearance.",
	"no_agreement": "There is no agreement between the consuming agency and the data owner for this dataset.",
	"agreement_not_approved": "The agreement is not in the approved state.",
	"agreement_superseded": "A newer version of the agreement exists.",
	"agreement_dataset_mismatch": "The agreement does not cover this dataset.",
	"agency_mismatch": "The agreement belongs to another consuming agency.",
	"unit_not_covered": "The agreement does not cover the officer's unit.",
	"agreement_not_yet_valid": "The agreement's validity period has not started.",
	"agreement_expired": "The agreement's validity period has ended.",
	"purpose_not_in_agreement": "The stated purpose is not among the agreement's purposes.",
	"legal_basis_not_in_agreement": "The stated legal basis is not among the agreement's legal bases.",
	"case_ref_required": "Lookups of personal data need a case or reference number.",
	"card_not_present": "Personal data about a citizen needs the citizen's card read, or an agreement granting online access.",
	"field_not_granted": "A requested field is not granted by the agreement.",
	"field_not_needed_for_purpose": "A requested field is not needed for the stated purpose.",
	"quota_exceeded": "The agreement's daily quota is used up.",
}

default allow := false

public := input.dataset.classification == "public"

personal_data if input.dataset.classification in {"personal", "security", "secret"}

personal_data if {
	some f in input.dataset.fields
	f.personal
}

# The agreement only matters for non-public datasets.
agreement := input.agreement if {
	not public
	is_object(input.agreement)
}

agency_data := data.gdx.agencies[input.agency]

agreement_data := data.gdx.agreements[agreement.id]

# --- who is asking ---------------------------------------------------------------------

deny contains "invalid_subject_id" if not input.subject_valid

deny contains "unknown_agency" if not agency_data

deny contains "unit_not_in_agency" if {
	agency_data
	not input.unit in agency_data.units
}

# --- what is asked for -----------------------------------------------------------------

deny contains "dataset_not_published" if input.dataset.status != "published"

deny contains "clearance_required" if {
	input.dataset.classification == "secret"
	not "clearance_secret" in input.officer.roles
}

# --- under which agreement -------------------------------------------------------------

deny contains "no_agreement" if {
	not public
	not agreement
}

deny contains "agreement_not_approved" if agreement.status != "approved"

deny contains "agreement_not_approved" if agreement_data.status != "approved"

deny contains "agreement_superseded" if agreement_data.version > agreement.version

deny contains "agreement_dataset_mismatch" if agreement.dataset_id != input.dataset.id

deny contains "agency_mismatch" if agreement.consumer_agency != input.agency

deny contains "unit_not_covered" if {
	count(agreement.units) > 0
	not input.unit in agreement.units
}

deny contains "agreement_not_yet_valid" if input.date < agreement.valid_from

deny contains "agreement_expired" if input.date > agreement.valid_until

deny contains "purpose_not_in_agreement" if not input.purpose in agreement.purposes

deny contains "legal_basis_not_in_agreement" if {
	input.legal_basis != ""
	not input.legal_basis in agreement.legal_bases
}

deny contains "quota_exceeded" if {
	agreement.daily_quota > 0
	input.usage.agreement_today >= agreement.daily_quota
}

# --- how (the Linkage Center's counter rules) ------------------------------------------

deny contains "case_ref_required" if {
	personal_data
	not has_case_ref
}

has_case_ref if trim_space(input.case_ref) != ""

deny contains "card_not_present" if {
	personal_data
	input.subject_type == "citizen_id"
	not input.card_present
	not agreement.online_access
}

# --- which fields (minimisation) -------------------------------------------------------

dataset_fields := {f.name | some f in input.dataset.fields}

biometric_fields := {f.name | some f in input.dataset.fields; f.biometric}

# The field rules are written so that the common call (no fields requested) builds no
# field sets it does not release: each set operation costs microseconds in Wasm.
#
# A field is granted when the agreement names it (biometric fields only ever this way);
# for a public dataset, every non-biometric field is.
granted(f) if {
	public
	f in dataset_fields
	not f in biometric_fields
}

granted(f) if {
	f in agreement.fields
	f in dataset_fields
}

# Needed: the fields the agreement lists for this purpose, when it lists any.
purpose_fields := agreement.purpose_fields[input.purpose]

needed(f) if f in purpose_fields

needed(_) if not purpose_fields

deny contains "field_not_granted" if {
	some f in input.requested_fields
	not granted(f)
}

deny contains "field_not_needed_for_purpose" if {
	some f in input.requested_fields
	granted(f)
	not needed(f)
}

allow if count(deny) == 0

# Released: what was asked for, else everything granted and needed. The requested fields
# are filtered again rather than trusted to the deny rules, so that a policy edit that drops
# one of those rules cannot widen what is released.
released := sort({f | some f in input.requested_fields; granted(f); needed(f)}) if {
	allow
	count(input.requested_fields) > 0
} else := sort(dataset_fields - biometric_fields) if {
	allow
	public
} else := sort({f | some f in purpose_fields; f in agreement.fields; f in dataset_fields}) if {
	allow
	purpose_fields
} else := sort({f | some f in agreement.fields; f in dataset_fields}) if allow

else := []

reasons := [{"code": code, "message": messages[code]} | some code in sort([c | some c in deny])]

decision := {
	"allow": allow,
	"reasons": reasons,
	"fields": released,
	"obligations": obligations,
}

# Obligations the hub must honour when it serves: log the subject only as a pseudonym, and
# for personal data keep the case reference with the ledger entry.
obligations := {"pseudonymise_subject": true, "retain_case_ref": true} if personal_data

else := {"pseudonymise_subject": true}
