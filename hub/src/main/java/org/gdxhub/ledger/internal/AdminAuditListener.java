package org.gdxhub.ledger.internal;

import java.util.Map;

import org.gdxhub.catalog.AccessRequestChanged;
import org.gdxhub.catalog.AgencyRegistered;
import org.gdxhub.catalog.AgreementChanged;
import org.gdxhub.catalog.DatasetChanged;
import org.gdxhub.ledger.AdminAuditService;
import org.gdxhub.security.SecurityEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns the catalog's and the security module's administrative events into admin-stream entries. */
@Component
class AdminAuditListener {

  private final AdminAuditService audit;

  AdminAuditListener(AdminAuditService audit) {
    this.audit = audit;
  }

  @EventListener
  void on(AgencyRegistered event) {
    audit.record("catalog", "agency.registered", event.agency().code(), null, event.agency());
  }

  @EventListener
  void on(AgreementChanged event) {
    var a = event.agreement();
    audit.record(a.ownerAgency() + "/" + a.approvedBy(), "agreement." + event.change(), a.id() + "@v" + a.version(),
        null, a);
  }

  @EventListener
  void on(DatasetChanged event) {
    audit.record(event.actor(), "dataset." + event.change(), event.after().id(), event.before(), event.after());
  }

  @EventListener
  void on(AccessRequestChanged event) {
    audit.record(event.actor(), "access_request." + event.change(), event.request().id(), null, event.request());
  }

  @EventListener
  void on(SecurityEvents.ApiKeyIssued event) {
    audit.record(event.actor(), "api_key.issued", event.keyId(), null, event);
  }

  @EventListener
  void on(SecurityEvents.ApiKeyRevoked event) {
    audit.record(event.actor(), "api_key.revoked", event.keyId(), Map.of("revoked", false), Map.of("revoked", true));
  }

  @EventListener
  void on(SecurityEvents.PseudonymKeyRotated event) {
    audit.record(event.actor(), "pseudonym_key.rotated", "subject-pseudonym", Map.of("version", event.fromVersion()),
        Map.of("version", event.toVersion()));
  }
}
