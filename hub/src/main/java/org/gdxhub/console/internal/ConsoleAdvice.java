package org.gdxhub.console.internal;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.HubException;
import org.gdxhub.security.Roles;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page needs (the signed-in caller, the language, the request path for the
 * language switch), and the console's answer to a refused or failed action: a page that shows
 * the hub's stable error code and message, never a JSON problem.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

  @ModelAttribute
  void common(HttpServletRequest request, Locale locale, Model model) {
    CallerIdentity caller = request.getAttribute(CallerIdentity.REQUEST_ATTRIBUTE) instanceof CallerIdentity c ? c
        : CallerIdentity.ANONYMOUS;
    model.addAttribute("caller", caller);
    model.addAttribute("lang", "th".equals(locale.getLanguage()) ? "th" : "en");
    model.addAttribute("path", request.getRequestURI());
    model.addAttribute("query", request.getQueryString() == null ? ""
        : request.getQueryString().replaceAll("(^|&)lang=[^&]*", ""));
    model.addAttribute("isOwner", caller.hasAnyRole(Roles.OWNER_STEWARD));
    model.addAttribute("isConsumer", caller.hasAnyRole(Roles.CONSUMER_OFFICER, Roles.UNIT_HEAD));
    model.addAttribute("isUnitHead", caller.hasAnyRole(Roles.UNIT_HEAD));
    model.addAttribute("isCommittee", caller.hasAnyRole(Roles.COMMITTEE, Roles.AUDITOR));
  }

  @ExceptionHandler(HubException.class)
  String refused(HubException e, HttpServletRequest request, HttpServletResponse response, Locale locale,
      Model model) {
    common(request, locale, model);
    response.setStatus(e.errorCode().status().value());
    model.addAttribute("code", e.errorCode().code());
    model.addAttribute("detail", e.getMessage());
    model.addAttribute("properties", e.properties());
    return "console/error";
  }
}
