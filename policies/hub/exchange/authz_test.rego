package hub.exchange_test

import data.hub.exchange

base_agreement := {
	"id": "agr-1",
	"version": 1,
	"status": "approved",
	"dataset_id": "civil-record",
	"consumer_agency": "district-office",
	"units": [],
	"purposes": ["welfare-registration", "tax"],
	"purpose_fields": {"tax": ["citizen_id", "first_name_th"]},
	"legal_bases": ["Civil Registration Act B.E. 2534"],
	"fields": ["citizen_id", "first_name_th", "last_name_th", "birth_date"],
	"valid_from": "2026-01-01",
	"valid_until": "2027-12-31",
	"online_access": false,
	"daily_quota": 0,
}

base_input := {
	"agency": "district-office",
	"unit": "registration",
	"officer": {"id": "officer-1", "roles": ["consumer_officer"]},
	"dataset": {
		"id": "civil-record",
		"classification": "personal",
		"status": "published",
		"owner_agency": "cro",
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
	"usage": {"agreement_today": 0},
	"time": "2026-11-23T10:00:00Z",
	"date": "2026-11-23",
}

base_data := {
	"agencies": {
		"district-office": {"units": ["registration", "public-works"]},
		"cro": {"units": ["registration-bureau"]},
	},
	"agreements": {"agr-1": {"version": 1, "status": "approved"}},
}

decide(inp) := d if {
	d := exchange.decision with input as inp with data.gdx as base_data
}

with_input(patch) := object.union(base_input, patch)

with_agreement(patch) := with_input({"agreement": object.union(base_agreement, patch)})

with_dataset(patch) := with_input({"dataset": object.union(base_input.dataset, patch)})

codes(d) := {r.code | some r in d.reasons}

# --- allowed lookups and field minimisation --------------------------------------------

test_allows_with_all_granted_fields_when_none_requested if {
	d := decide(base_input)
	d.allow
	d.reasons == []
	d.fields == ["birth_date", "citizen_id", "first_name_th", "last_name_th"]
	d.obligations == {"pseudonymise_subject": true, "retain_case_ref": true}
}

test_releases_only_requested_granted_fields if {
	d := decide(with_input({"requested_fields": ["first_name_th", "citizen_id"]}))
	d.allow
	d.fields == ["citizen_id", "first_name_th"]
}

test_purpose_limits_released_fields if {
	d := decide(with_input({"purpose": "tax"}))
	d.allow
	d.fields == ["citizen_id", "first_name_th"]
}

test_denies_field_granted_but_not_needed_for_purpose if {
	d := decide(with_input({"purpose": "tax", "requested_fields": ["citizen_id", "birth_date"]}))
	codes(d) == {"field_not_needed_for_purpose"}
}

test_biometric_field_released_only_when_agreement_names_it if {
	not_named := decide(with_input({"requested_fields": ["face_image"]}))
	codes(not_named) == {"field_not_granted"}
	named := decide(with_agreement({"fields": ["citizen_id", "face_image"]}))
	named.allow
	named.fields == ["citizen_id", "face_image"]
}

test_grant_of_field_unknown_to_dataset_is_ignored if {
	d := decide(with_agreement({"fields": ["citizen_id", "no_such_field"]}))
	d.allow
	d.fields == ["citizen_id"]
}

# --- public, secret --------------------------------------------------------------------

test_public_dataset_needs_no_agreement_and_releases_non_biometric_fields if {
	d := decide(object.union(
		with_dataset({"classification": "public", "fields": [
			{"name": "name", "personal": false, "biometric": false},
			{"name": "logo", "personal": false, "biometric": true},
		]}),
		{"agreement": null, "case_ref": "", "card_present": false},
	))
	d.allow
	d.fields == ["name"]
	d.obligations == {"pseudonymise_subject": true}
}

test_public_dataset_releases_requested_fields_but_never_a_biometric_one if {
	public := object.union(
		with_dataset({"classification": "public", "fields": [
			{"name": "name", "personal": false, "biometric": false},
			{"name": "logo", "personal": false, "biometric": true},
		]}),
		{"agreement": null},
	)
	d := decide(object.union(public, {"requested_fields": ["name"]}))
	d.allow
	d.fields == ["name"]
	codes(decide(object.union(public, {"requested_fields": ["name", "logo"]}))) == {"field_not_granted"}
}

test_public_dataset_ignores_an_unrelated_agreement if {
	d := decide(object.union(
		with_dataset({"classification": "public", "fields": [{"name": "name", "personal": false, "biometric": false}]}),
		{"agreement": object.union(base_agreement, {"status": "revoked"})},
	))
	d.allow
}

test_secret_dataset_needs_clearance if {
	d := decide(with_dataset({"classification": "secret"}))
	codes(d) == {"clearance_required"}
	cleared := decide(object.union(
		with_dataset({"classification": "secret"}),
		{"officer": {"id": "officer-1", "roles": ["consumer_officer", "clearance_secret"]}},
	))
	cleared.allow
}

# --- counter rules -----------------------------------------------------------------------

test_denies_personal_data_without_case_ref if {
	codes(decide(with_input({"case_ref": "  "}))) == {"case_ref_required"}
	codes(decide(object.remove(base_input, ["case_ref"]))) == {"case_ref_required"}
	codes(decide(with_input({"case_ref": null}))) == {"case_ref_required"}
}

test_denies_citizen_lookup_without_card_unless_online_access if {
	codes(decide(with_input({"card_present": false}))) == {"card_not_present"}
	online := decide(object.union(with_agreement({"online_access": true}), {"card_present": false}))
	online.allow
}

test_card_rule_applies_to_citizens_only if {
	d := decide(with_input({"card_present": false, "subject_type": "juristic_id"}))
	d.allow
}

test_denies_when_daily_quota_used_up if {
	codes(decide(object.union(with_agreement({"daily_quota": 100}), {"usage": {"agreement_today": 100}}))) == {"quota_exceeded"}
	under := decide(object.union(with_agreement({"daily_quota": 100}), {"usage": {"agreement_today": 99}}))
	under.allow
}

# --- who is asking -----------------------------------------------------------------------

test_denies_invalid_subject_id if {
	d := decide(with_input({"subject_valid": false}))
	not d.allow
	codes(d) == {"invalid_subject_id"}
	d.fields == []
}

test_denies_unknown_agency if {
	d := decide(object.union(with_agreement({"consumer_agency": "ghost"}), {"agency": "ghost"}))
	codes(d) == {"unknown_agency"}
}

test_denies_unit_not_in_agency if {
	codes(decide(with_input({"unit": "marketing"}))) == {"unit_not_in_agency"}
}

# --- agreement rules ---------------------------------------------------------------------

test_denies_unpublished_dataset if {
	codes(decide(with_dataset({"status": "draft"}))) == {"dataset_not_published"}
}

test_denies_without_agreement if {
	d := decide(with_input({"agreement": null}))
	not d.allow
	codes(d) == {"no_agreement"}
	d.fields == []
}

test_denies_agreement_not_approved if {
	codes(decide(with_agreement({"status": "suspended"}))) == {"agreement_not_approved"}
}

test_denies_agreement_revoked_in_policy_data if {
	d := exchange.decision with input as base_input
		with data.gdx as object.union(base_data, {"agreements": {"agr-1": {"version": 1, "status": "revoked"}}})
	codes(d) == {"agreement_not_approved"}
}

test_denies_superseded_agreement_version if {
	d := exchange.decision with input as base_input
		with data.gdx as object.union(base_data, {"agreements": {"agr-1": {"version": 2, "status": "approved"}}})
	codes(d) == {"agreement_superseded"}
}

test_denies_agreement_for_other_dataset if {
	codes(decide(with_agreement({"dataset_id": "house-registration"}))) == {"agreement_dataset_mismatch"}
}

test_denies_agency_mismatch if {
	codes(decide(with_agreement({"consumer_agency": "cro"}))) == {"agency_mismatch"}
}

test_denies_unit_not_covered if {
	codes(decide(with_agreement({"units": ["public-works"]}))) == {"unit_not_covered"}
}

test_allows_listed_unit if {
	d := decide(with_agreement({"units": ["public-works", "registration"]}))
	d.allow
}

test_denies_expired_agreement if {
	codes(decide(with_agreement({"valid_until": "2026-11-22"}))) == {"agreement_expired"}
}

test_allows_on_last_valid_day if {
	d := decide(with_agreement({"valid_until": "2026-11-23"}))
	d.allow
}

test_denies_agreement_not_yet_valid if {
	codes(decide(with_agreement({"valid_from": "2026-12-01"}))) == {"agreement_not_yet_valid"}
}

test_denies_purpose_not_in_agreement if {
	codes(decide(with_input({"purpose": "marketing"}))) == {"purpose_not_in_agreement"}
}

test_denies_legal_basis_not_in_agreement if {
	codes(decide(with_input({"legal_basis": "Some Other Act"}))) == {"legal_basis_not_in_agreement"}
}

test_empty_legal_basis_is_not_checked if {
	d := decide(with_input({"legal_basis": ""}))
	d.allow
}

test_denies_field_not_granted if {
	d := decide(with_input({"requested_fields": ["citizen_id", "gender"]}))
	codes(d) == {"field_not_granted"}
	d.fields == []
}

# --- reporting ---------------------------------------------------------------------------

test_reports_every_reason_sorted if {
	inp := object.union(with_agreement({"consumer_agency": "cro", "valid_until": "2020-01-01"}), {"purpose": "marketing"})
	d := decide(inp)
	[r.code | some r in d.reasons] == ["agency_mismatch", "agreement_expired", "purpose_not_in_agreement"]
}

test_every_reason_code_has_a_message if {
	every code, message in exchange.messages {
		regex.match(`^[a-z]+(_[a-z]+)*$`, code)
		message != ""
	}
}

test_every_denial_carries_messages if {
	d := decide(with_input({"agreement": null, "subject_valid": false}))
	count(d.reasons) == 2
	every r in d.reasons {
		r.message != ""
	}
}
