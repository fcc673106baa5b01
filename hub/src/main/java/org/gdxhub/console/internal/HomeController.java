package org.gdxhub.console.internal;

import java.util.TreeMap;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.security.Roles;
import org.gdxhub.security.SecurityProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in (the local issuer's demo users), the role's home page, and the refusal page. */
@Controller
class HomeController {

  private final SecurityProperties security;

  HomeController(SecurityProperties security) {
    this.security = security;
  }

  @GetMapping("/console/login")
  String login(Model model) {
    model.addAttribute("demoUsers", security.localIssuer().enabled() ? new TreeMap<>(security.demoUsers())
        : new TreeMap<>());
    return "console/login";
  }

  /** Sends the caller to the first page of their role. */
  @GetMapping("/console")
  String home(CallerIdentity caller) {
    if (caller.hasAnyRole(Roles.OWNER_STEWARD)) {
      return "redirect:/console/owner/datasets";
    }
    if (caller.hasAnyRole(Roles.CONSUMER_OFFICER, Roles.UNIT_HEAD)) {
      return "redirect:/console/agency/catalog";
    }
    if (caller.hasAnyRole(Roles.COMMITTEE, Roles.AUDITOR)) {
      return "redirect:/console/committee/ledger";
    }
    return "console/no-pages";
  }

  @org.springframework.web.bind.annotation.RequestMapping("/console/denied")
  String denied(jakarta.servlet.http.HttpServletResponse response) {
    response.setStatus(403);
    return "console/denied";
  }
}
