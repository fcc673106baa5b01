package org.gdxhub.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one exception type the hub throws on purpose; rendered as an RFC 9457 problem. */
public class HubException extends RuntimeException {

  private final ErrorCode errorCode;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public HubException(ErrorCode errorCode, String detail) {
    super(detail);
    this.errorCode = errorCode;
  }

  public HubException(ErrorCode errorCode, String detail, Throwable cause) {
    super(detail, cause);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Adds a member to the problem body (e.g. reasons, ledgerEntryId). */
  public HubException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public Map<String, Object> properties() {
    return Map.copyOf(properties);
  }
}
