package hub.exchange_test

import data.hub.exchange

base_agreement := {
	"id": "agr-1",
	"version": 1,
	"status": "approved",
	"dataset_id": "civil-record",
	"consumer_agency": "district-office",
	"units": [],
	"purposes": ["welfare-registration"],
	"legal_bases": ["Civil Registration Act B.E. 2534"],
	"fields": ["citizen_id", "first_name_th", "last_name_th", "birth_date"],
	"valid_from": "2026-01-01",
	"valid_until": "2027-12-31",
}

base_input := {
	"agency": "district-office",
	"unit": "registration",
	"officer": {"id": "officer-1", "roles": ["consumer_officer"]},
	"dataset": {
		"id": "civil-record",
		"classification": "personal",
		"status": "published",
		"fields": [
			{"name": "citizen_id", "personal": true, "biometric": false},
			{"name": "first_name_th", "personal": true, "biometric": false},
			{"name": "last_name_th", "personal": true, "biometric": false},
			{"name": "birth_date", "personal": true, "biometric": false},
			{"name": "face_image", "personal": true, "biometric": true},
		],
	},
	"agreement": base_agreement,
	"purpose": "welfare-registration",
	"legal_basis": "Civil Registration Act B.E. 2534",
	"case_ref": "CASE-1",
	"card_present": true,
	"subject_type": "citizen_id",
	"subject_valid": true,
	"requested_fields": [],
	"time": "2026-11-23T10:00:00Z",
	"date": "2026-11-23",
}

with_agreement(patch) := object.union(base_input, {"agreement": object.union(base_agreement, patch)})

codes(d) := {r.code | some r in d.reasons}

test_allows_with_all_granted_fields_when_none_requested if {
	d := exchange.decision with input as base_input
	d.allow
	d.reasons == []
	d.fields == ["birth_date", "citizen_id", "first_name_th", "last_name_th"]
}

test_releases_only_requested_granted_fields if {
	d := exchange.decision with input as object.union(base_input, {"requested_fields": ["first_name_th", "citizen_id"]})
	d.allow
	d.fields == ["citizen_id", "first_name_th"]
}

test_denies_invalid_subject_id if {
	d := exchange.decision with input as object.union(base_input, {"subject_valid": false})
	not d.allow
	codes(d) == {"invalid_subject_id"}
	d.fields == []
}

test_denies_unpublished_dataset if {
	ds := object.union(base_input.dataset, {"status": "draft"})
	d := exchange.decision with input as object.union(base_input, {"dataset": ds})
	codes(d) == {"dataset_not_published"}
}

test_denies_without_agreement if {
	d := exchange.decision with input as object.union(base_input, {"agreement": null})
	not d.allow
	codes(d) == {"no_agreement"}
	d.fields == []
}

test_denies_agreement_not_approved if {
	d := exchange.decision with input as with_agreement({"status": "suspended"})
	codes(d) == {"agreement_not_approved"}
}

test_denies_agreement_for_other_dataset if {
	d := exchange.decision with input as with_agreement({"dataset_id": "house-registration"})
	codes(d) == {"agreement_dataset_mismatch"}
}

test_denies_agency_mismatch if {
	d := exchange.decision with input as with_agreement({"consumer_agency": "revenue-department"})
	codes(d) == {"agency_mismatch"}
}

test_denies_unit_not_covered if {
	d := exchange.decision with input as with_agreement({"units": ["public-works"]})
	codes(d) == {"unit_not_covered"}
}

test_allows_listed_unit if {
	d := exchange.decision with input as with_agreement({"units": ["public-works", "registration"]})
	d.allow
}

test_denies_expired_agreement if {
	d := exchange.decision with input as with_agreement({"valid_until": "2026-11-22"})
	codes(d) == {"agreement_expired"}
}

test_allows_on_last_valid_day if {
	d := exchange.decision with input as with_agreement({"valid_until": "2026-11-23"})
	d.allow
}

test_denies_agreement_not_yet_valid if {
	d := exchange.decision with input as with_agreement({"valid_from": "2026-12-01"})
	codes(d) == {"agreement_not_yet_valid"}
}

test_denies_purpose_not_in_agreement if {
	d := exchange.decision with input as object.union(base_input, {"purpose": "marketing"})
	codes(d) == {"purpose_not_in_agreement"}
}

test_denies_legal_basis_not_in_agreement if {
	d := exchange.decision with input as object.union(base_input, {"legal_basis": "Some Other Act"})
	codes(d) == {"legal_basis_not_in_agreement"}
}

test_empty_legal_basis_is_not_checked if {
	d := exchange.decision with input as object.union(base_input, {"legal_basis": ""})
	d.allow
}

test_denies_field_not_granted if {
	d := exchange.decision with input as object.union(base_input, {"requested_fields": ["citizen_id", "face_image"]})
	codes(d) == {"field_not_granted"}
	d.fields == []
}

test_grant_of_field_unknown_to_dataset_is_ignored if {
	d := exchange.decision with input as with_agreement({"fields": ["citizen_id", "no_such_field"]})
	d.allow
	d.fields == ["citizen_id"]
}

test_reports_every_reason_sorted if {
	inp := object.union(with_agreement({"consumer_agency": "other", "valid_until": "2020-01-01"}), {"purpose": "marketing"})
	d := exchange.decision with input as inp
	[r.code | some r in d.reasons] == ["agency_mismatch", "agreement_expired", "purpose_not_in_agreement"]
}

test_every_reason_has_a_message if {
	d := exchange.decision with input as object.union(base_input, {"agreement": null, "subject_valid": false})
	every r in d.reasons {
		r.message != ""
	}
}
