package org.gdxhub.common;

import java.util.List;
import java.util.Set;

/**
 * Who is calling: an officer of a unit of an agency, with roles. Taken from request headers
 * until real authentication lands (issue: security); every API method receives one.
 */
public record CallerIdentity(String agency, String unit, String officer, Set<String> roles) {

  public static final String AGENCY_HEADER = "X-GDX-Agency";
  public static final String UNIT_HEADER = "X-GDX-Unit";
  public static final String OFFICER_HEADER = "X-GDX-Officer";
  public static final String ROLES_HEADER = "X-GDX-Roles";

  public CallerIdentity {
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }

  /** True when agency, unit and officer are all present. */
  public boolean identified() {
    return present(agency) && present(unit) && present(officer);
  }

  public CallerIdentity requireIdentified() {
    if (!identified()) {
      throw new HubException(ErrorCode.CALLER_UNIDENTIFIED,
          "Send the headers " + List.of(AGENCY_HEADER, UNIT_HEADER, OFFICER_HEADER));
    }
    return this;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
