package org.gdxhub.common;

import java.util.Set;

/**
 * Who is calling: an officer (or an agency system) of a unit of an agency, with roles. The
 * security module authenticates the request (JWT bearer token or API key) and stores the
 * identity in the request attribute {@link #REQUEST_ATTRIBUTE}; every API method receives one.
 * The X-GDX-* header names remain only as claim names in documentation: headers never grant
 * an identity.
 */
public record CallerIdentity(String agency, String unit, String officer, Set<String> roles) {

  public static final String AGENCY_HEADER = "X-GDX-Agency";
  public static final String UNIT_HEADER = "X-GDX-Unit";
  public static final String OFFICER_HEADER = "X-GDX-Officer";
  public static final String ROLES_HEADER = "X-GDX-Roles";
  /** The request attribute under which the security module leaves the authenticated caller. */
  public static final String REQUEST_ATTRIBUTE = CallerIdentity.class.getName();
  /** The caller nobody authenticated: no agency, no roles. */
  public static final CallerIdentity ANONYMOUS = new CallerIdentity(null, null, null, Set.of());

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
          "the token or API key must name an agency, unit and officer (claims agency, unit, officer)");
    }
    return this;
  }

  /** True when the caller holds at least one of the roles. */
  public boolean hasAnyRole(String... wanted) {
    for (String role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
