package org.gdxhub.exchange.internal;

import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Spring MVC's request mapping, with each mapping's path checked before its other conditions.
 * A URL with a path variable (the lookup, {@code POST /api/v1/exchange/{datasetId}/lookup})
 * has no direct match, so every request is tried against all of the hub's ~110 mappings, and
 * Spring checks the method, consumes, produces and version conditions of each before its
 * path: 2.9 % of the hub's CPU at full load, 2.5 % with this order (docs/benchmarks.md). A
 * mapping matches only when all of its conditions do, so rejecting on the path first gives the
 * same match; the partial matches behind 405, 406 and 415 answers are still computed from all
 * mappings, as before.
 */
class PathFirstRequestMappingHandlerMapping extends RequestMappingHandlerMapping {

  @Override
  protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
    PathPatternsRequestCondition paths = info.getPathPatternsCondition();
    if (paths != null && paths.getMatchingCondition(request) == null) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }
}
