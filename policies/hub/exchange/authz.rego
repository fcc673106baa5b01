# Exchange authorisation: may this officer look up this subject in this dataset now?
#
# Input follows the policy contract in docs/architecture.md (DESIGN §3). The hub supplies
# the agreement it found (or null), so the decision is a pure function of the input and
# can be replayed later from the ledgered decision record.
package hub.exchange

# Stable reason codes. They reach the API caller and the ledger; never rename one.
messages := {
	"invalid_subject_id": "The subject identifier is malformed or fails its check digit.",
	"dataset_not_published": "The dataset is not published.",
	"no_agreement": "There is no agreement between the consuming agency and the data owner for this dataset.",
	"agreement_not_approved": "The agreement is not in the approved state.",
	"agreement_dataset_mismatch": "The agreement does not cover this dataset.",
	"agency_mismatch": "The agreement belongs to another consuming agency.",
	"unit_not_covered": "The agreement does not cover the officer's unit.",
	"agreement_not_yet_valid": "The agreement's validity period has not started.",
	"agreement_expired": "The agreement's validity period has ended.",
	"purpose_not_in_agreement": "The stated purpose is not among the agreement's purposes.",
	"legal_basis_not_in_agreement": "The stated legal basis is not among the agreement's legal bases.",
	"field_not_granted": "A requested field is not granted by the agreement.",
}

agreement := input.agreement if is_object(input.agreement)

deny contains "invalid_subject_id" if not input.subject_valid

deny contains "dataset_not_published" if input.dataset.status != "published"

deny contains "no_agreement" if not agreement

deny contains "agreement_not_approved" if agreement.status != "approved"

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

deny contains "field_not_granted" if {
	some field in requested_fields
	not field in granted_fields
}

dataset_fields := {f.name | some f in input.dataset.fields}

granted_fields := {f | some f in agreement.fields; f in dataset_fields}

# No explicit field list means "everything the agreement grants".
requested_fields := {f | some f in input.requested_fields} if count(input.requested_fields) > 0

else := granted_fields

allow if count(deny) == 0

released := sort([f | some f in requested_fields; f in granted_fields]) if allow

else := []

reasons := [{"code": code, "message": messages[code]} | some code in sort([c | some c in deny])]

decision := {
	"allow": allow,
	"reasons": reasons,
	"fields": released,
	"obligations": {},
}

default allow := false
