"""Schemathesis checks for GDX Hub (issue #10), loaded by bin/check-api via SCHEMATHESIS_HOOKS.

Every 4xx the hub answers must be an RFC 9457 problem (application/problem+json) with a stable
snake_case `code`; 5xx are caught by schemathesis' own not_a_server_error check.
"""
import json
import re

import schemathesis

CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@schemathesis.check
def problem_details_on_client_errors(ctx, response, case):
    """A 4xx is an RFC 9457 problem with a stable code."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = ";".join(response.headers.get("content-type", [""])).split(";")[0].strip()
    if content_type != "application/problem+json":
        raise AssertionError(
            f"{response.status_code} answered with Content-Type {content_type!r}, not application/problem+json")
    try:
        body = json.loads(response.content or b"{}")
    except ValueError as e:
        raise AssertionError(f"{response.status_code} problem body is not JSON: {e}")
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, str) or not CODE.match(code):
        raise AssertionError(f"{response.status_code} problem has no stable snake_case code: {body!r}")
    if body.get("status") not in (None, response.status_code):
        raise AssertionError(f"problem status {body.get('status')} differs from the HTTP status {response.status_code}")
    return None
