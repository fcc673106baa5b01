package org.gdxhub.connectors.internal;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/**
 * A change event that cannot be read (not JSON, a required member missing). Retrying cannot
 * cure it, so the route logs it and moves on. Messages name the problem, never a value.
 */
class MalformedChangeEvent extends HubException {

  MalformedChangeEvent(String detail) {
    super(ErrorCode.INVALID_REQUEST, detail);
  }

  MalformedChangeEvent(String detail, Throwable cause) {
    super(ErrorCode.INVALID_REQUEST, detail, cause);
  }
}
