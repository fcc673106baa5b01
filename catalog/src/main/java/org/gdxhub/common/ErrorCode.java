package org.gdxhub.common;

import org.springframework.http.HttpStatus;

/**
 * Every error the hub reports, with a stable snake_case code. Codes reach API callers in
 * RFC 9457 problem responses and the ledger; never rename one, only add.
 */
public enum ErrorCode {
  INVALID_REQUEST("invalid_request", HttpStatus.BAD_REQUEST, "The request is malformed"),
  INVALID_SUBJECT_ID("invalid_subject_id", HttpStatus.BAD_REQUEST, "The subject identifier is invalid"),
  PURPOSE_REQUIRED("purpose_required", HttpStatus.BAD_REQUEST, "A purpose is required"),
  CALLER_UNIDENTIFIED("caller_unidentified", HttpStatus.UNAUTHORIZED, "The calling agency, unit or officer is not identified"),
  NOT_DATASET_OWNER("not_dataset_owner", HttpStatus.FORBIDDEN, "Only the owning agency may do this"),
  ACCESS_DENIED("access_denied", HttpStatus.FORBIDDEN, "Access denied by policy"),
  ROLE_REQUIRED("role_required", HttpStatus.FORBIDDEN, "The caller lacks the role this needs"),
  NOT_FOUND("not_found", HttpStatus.NOT_FOUND, "No such resource"),
  UNKNOWN_AGENCY("unknown_agency", HttpStatus.NOT_FOUND, "Unknown agency"),
  UNKNOWN_DATASET("unknown_dataset", HttpStatus.NOT_FOUND, "Unknown dataset"),
  UNKNOWN_ACCESS_REQUEST("unknown_access_request", HttpStatus.NOT_FOUND, "Unknown access request"),
  UNKNOWN_AGREEMENT("unknown_agreement", HttpStatus.NOT_FOUND, "Unknown agreement"),
  UNKNOWN_SUBSCRIPTION("unknown_subscription", HttpStatus.NOT_FOUND, "Unknown subscription"),
  SUBJECT_NOT_FOUND("subject_not_found", HttpStatus.NOT_FOUND, "The source holds no record for this subject"),
  // Document archive: certified extracts, verification, retention, monthly sign-off.
  LOOKUP_NOT_CERTIFIABLE("lookup_not_certifiable", HttpStatus.CONFLICT, "This ledger entry is not a recent served lookup that can be certified"),
  NOT_LOOKUP_OFFICER("not_lookup_officer", HttpStatus.FORBIDDEN, "Only the officer who made the lookup may do this"),
  SUBJECT_MISMATCH("subject_mismatch", HttpStatus.BAD_REQUEST, "The subject is not the one the lookup was about"),
  CONTENT_DELETED("content_deleted", HttpStatus.GONE, "The document's content was deleted after its retention period; its hash and metadata remain"),
  ARCHIVE_UNAVAILABLE("archive_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The document archive could not produce, store or read the document"),
  SIGN_OFF_CLOSED("sign_off_closed", HttpStatus.CONFLICT, "The sign-off window for this month is not open"),
  ALREADY_EXISTS("already_exists", HttpStatus.CONFLICT, "The resource already exists"),
  INVALID_STATE("invalid_state", HttpStatus.CONFLICT, "The resource is not in a state that allows this"),
  VERSION_CONFLICT("version_conflict", HttpStatus.CONFLICT, "The resource changed since you read it"),
  SOURCE_UNAVAILABLE("source_unavailable", HttpStatus.BAD_GATEWAY, "The data owner's system did not answer"),
  SOURCE_TIMEOUT("source_timeout", HttpStatus.GATEWAY_TIMEOUT, "The data owner's system did not answer in time"),
  POLICY_UNAVAILABLE("policy_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "No policy engine answered; nothing was decided"),
  LEDGER_UNAVAILABLE("ledger_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The ledger could not record the exchange; nothing was served"),
  LEDGER_PUBLISH_FAILED("ledger_publish_failed", HttpStatus.SERVICE_UNAVAILABLE, "Ledger entries could not be published; the outbox keeps them"),
  INTERNAL_ERROR("internal_error", HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error"),
  LEDGER_INDEX_UNAVAILABLE("ledger_index_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The ledger search index is unavailable"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "A valid bearer token or API key is required"),
  RATE_LIMITED("rate_limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests; retry later"),
  SECRETS_UNAVAILABLE("secrets_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The secrets backend did not answer"),
  DATABASE_UNAVAILABLE("database_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The hub's system of record did not answer; nothing was served or changed"),
  OVERLOADED("overloaded", HttpStatus.SERVICE_UNAVAILABLE, "The hub is at its limit of lookups in flight; nothing was done; retry after the Retry-After delay");

  private final String code;
  private final HttpStatus status;
  private final String title;

  ErrorCode(String code, HttpStatus status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
