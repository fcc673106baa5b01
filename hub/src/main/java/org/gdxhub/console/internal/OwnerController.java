package org.gdxhub.console.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.gdxhub.catalog.AccessRequest;
import org.gdxhub.catalog.AccessRequestStatus;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.ApproveAccess;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Classification;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetField;
import org.gdxhub.catalog.RegisterDataset;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerIndex;
import org.gdxhub.ledger.LedgerSearch;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The data owner's pages: the own agency's datasets (register with fields and flags, publish,
 * retire), access requests to them (approve with dates and fields, reject with a reason), the
 * agreements on them with their revisions, and who used them (the ledger, scoped to the own
 * datasets). Ownership is checked by the catalog services; the pages list the own agency's only.
 */
@Controller
@RequestMapping("/console/owner")
class OwnerController {

  /** One row of the field list in the registration form. */
  public record FieldRow(String name, String labelTh, String labelEn, Boolean personal, Boolean biometric) {}

  /** The registration form. */
  public record DatasetForm(String id, String titleTh, String titleEn, String description, String classification,
      String legalBasis, String connector, List<FieldRow> fields) {}

  private final CatalogService catalog;
  private final AgreementService agreements;
  private final LedgerIndex ledger;
  private final ConsoleFormat format;

  OwnerController(CatalogService catalog, AgreementService agreements, LedgerIndex ledger, ConsoleFormat format) {
    this.catalog = catalog;
    this.agreements = agreements;
    this.ledger = ledger;
    this.format = format;
  }

  List<Dataset> own(CallerIdentity caller) {
    return catalog.datasets(null, caller.agency()).stream().sorted(Comparator.comparing(Dataset::id)).toList();
  }

  @GetMapping("/datasets")
  String datasets(CallerIdentity caller, Model model) {
    model.addAttribute("datasets", own(caller));
    model.addAttribute("classifications", Classification.values());
    return "console/owner/datasets";
  }

  /** One more empty field row for the registration form (htmx). */
  @GetMapping("/datasets/field-row")
  String fieldRow(@RequestParam int index, Model model) {
    model.addAttribute("index", index);
    return "console/owner/fields :: fieldRowAdded";
  }

  @PostMapping("/datasets")
  String register(CallerIdentity caller, @ModelAttribute DatasetForm form, RedirectAttributes redirect) {
    List<DatasetField> fields = new ArrayList<>();
    for (FieldRow row : form.fields() == null ? List.<FieldRow>of() : form.fields()) {
      if (row != null && row.name() != null && !row.name().isBlank()) {
        fields.add(new DatasetField(row.name().strip(), row.labelTh(), row.labelEn(),
            Boolean.TRUE.equals(row.personal()), Boolean.TRUE.equals(row.biometric())));
      }
    }
    Dataset registered = catalog.register(caller, new RegisterDataset(form.id(), form.titleTh(), form.titleEn(),
        form.description(), Classification.fromWire(form.classification()), form.legalBasis(), form.connector(),
        fields));
    redirect.addFlashAttribute("notice", "registered");
    redirect.addFlashAttribute("noticeSubject", registered.id());
    return "redirect:/console/owner/datasets";
  }

  @PostMapping("/datasets/{id}/publish")
  String publish(CallerIdentity caller, @PathVariable String id, RedirectAttributes redirect) {
    catalog.publish(caller, id);
    redirect.addFlashAttribute("notice", "published");
    redirect.addFlashAttribute("noticeSubject", id);
    return "redirect:/console/owner/datasets";
  }

  @PostMapping("/datasets/{id}/retire")
  String retire(CallerIdentity caller, @PathVariable String id, RedirectAttributes redirect) {
    catalog.retire(caller, id);
    redirect.addFlashAttribute("notice", "retired");
    redirect.addFlashAttribute("noticeSubject", id);
    return "redirect:/console/owner/datasets";
  }

  @GetMapping("/requests")
  String requests(CallerIdentity caller, Model model) {
    List<AccessRequest> pending = new ArrayList<>();
    List<AccessRequest> decided = new ArrayList<>();
    Map<String, Dataset> datasets = new java.util.LinkedHashMap<>();
    for (Dataset d : own(caller)) {
      datasets.put(d.id(), d);
      for (AccessRequest r : agreements.accessRequests(d.id(), null, null)) {
        (r.status() == AccessRequestStatus.PENDING ? pending : decided).add(r);
      }
    }
    decided.sort(Comparator.comparing(AccessRequest::decidedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    model.addAttribute("pending", pending);
    model.addAttribute("decided", decided.stream().limit(50).toList());
    model.addAttribute("datasets", datasets);
    model.addAttribute("today", LocalDate.now(format.zone()));
    model.addAttribute("nextYear", LocalDate.now(format.zone()).plusYears(1));
    return "console/owner/requests";
  }

  @PostMapping("/requests/{id}/approve")
  String approve(CallerIdentity caller, @PathVariable String id, @RequestParam LocalDate validFrom,
      @RequestParam LocalDate validUntil, @RequestParam(required = false) List<String> fields,
      @RequestParam(defaultValue = "false") boolean onlineAccess, @RequestParam(required = false) Integer dailyQuota,
      RedirectAttributes redirect) {
    Agreement agreement = agreements.approve(caller, id, new ApproveAccess(validFrom, validUntil,
        fields == null || fields.isEmpty() ? null : fields, onlineAccess, dailyQuota));
    redirect.addFlashAttribute("notice", "approved");
    redirect.addFlashAttribute("noticeSubject", agreement.id());
    return "redirect:/console/owner/requests";
  }

  @PostMapping("/requests/{id}/reject")
  String reject(CallerIdentity caller, @PathVariable String id, @RequestParam String reason,
      RedirectAttributes redirect) {
    if (reason == null || reason.isBlank()) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "a rejection needs a reason");
    }
    agreements.reject(caller, id, reason);
    redirect.addFlashAttribute("notice", "rejected");
    redirect.addFlashAttribute("noticeSubject", id);
    return "redirect:/console/owner/requests";
  }

  @GetMapping("/agreements")
  String agreements(CallerIdentity caller, Model model) {
    List<Agreement> list = new ArrayList<>();
    Map<String, List<Integer>> revisions = new java.util.HashMap<>();
    for (Dataset d : own(caller)) {
      for (Agreement a : agreements.agreements(null, d.id())) {
        list.add(a);
        revisions.put(a.id(), agreements.revisions(a.id()));
      }
    }
    model.addAttribute("agreements", list);
    model.addAttribute("revisions", revisions);
    return "console/owner/agreements";
  }

  /** An MOU-style amendment: add a purpose (with its fields) or a legal basis, extend, change online access or quota. */
  @PostMapping("/agreements/{id}/amend")
  String amend(CallerIdentity caller, @PathVariable String id, @RequestParam int version,
      @RequestParam(required = false) String addPurpose, @RequestParam(required = false) List<String> purposeFields,
      @RequestParam(required = false) String addLegalBasis, @RequestParam(required = false) LocalDate validUntil,
      @RequestParam(required = false) Boolean onlineAccess, @RequestParam(required = false) Integer dailyQuota,
      RedirectAttributes redirect) {
    String purpose = addPurpose == null || addPurpose.isBlank() ? null : addPurpose.strip();
    Agreement amended = agreements.amend(caller, id, version, new org.gdxhub.catalog.AmendAgreement(purpose,
        purpose == null || purposeFields == null || purposeFields.isEmpty() ? null : purposeFields,
        addLegalBasis == null || addLegalBasis.isBlank() ? null : addLegalBasis.strip(), validUntil, onlineAccess,
        dailyQuota));
    redirect.addFlashAttribute("notice", "amended");
    redirect.addFlashAttribute("noticeSubject", amended.id() + " v" + amended.version());
    return "redirect:/console/owner/agreements";
  }

  @PostMapping("/agreements/{id}/status")
  String changeStatus(CallerIdentity caller, @PathVariable String id, @RequestParam int version,
      @RequestParam String status, RedirectAttributes redirect) {
    org.gdxhub.catalog.AgreementStatus to = switch (status) {
      case "suspended" -> org.gdxhub.catalog.AgreementStatus.SUSPENDED;
      case "approved" -> org.gdxhub.catalog.AgreementStatus.APPROVED;
      case "revoked" -> org.gdxhub.catalog.AgreementStatus.REVOKED;
      default -> throw new HubException(ErrorCode.INVALID_REQUEST, "status must be suspended, approved or revoked");
    };
    Agreement changed = agreements.changeStatus(caller, id, version, to);
    redirect.addFlashAttribute("notice", "amended");
    redirect.addFlashAttribute("noticeSubject", changed.id() + " v" + changed.version());
    return "redirect:/console/owner/agreements";
  }

  /** Who used the own datasets: the ledger index, filtered to one of them. */
  @GetMapping("/usage")
  String usage(CallerIdentity caller, @RequestParam(required = false) String dataset,
      @RequestParam(required = false) String agency, @RequestParam(required = false) String decision,
      @RequestParam(defaultValue = "0") int page, Model model) {
    List<Dataset> own = own(caller);
    model.addAttribute("datasets", own);
    String chosen = dataset == null || dataset.isBlank() ? own.isEmpty() ? null : own.getFirst().id() : dataset;
    if (chosen != null && own.stream().noneMatch(d -> d.id().equals(chosen))) {
      throw new HubException(ErrorCode.NOT_DATASET_OWNER, "dataset " + chosen + " is not your agency's");
    }
    model.addAttribute("dataset", chosen);
    model.addAttribute("agency", agency);
    model.addAttribute("decision", decision);
    if (chosen != null) {
      int size = 25;
      var result = ledger.search(LedgerSearch.builder().dataset(chosen).agency(agency)
          .decision(decision == null || decision.isBlank() ? null : decision)
          .limit(size).offset(Math.max(0, page) * size).build());
      model.addAttribute("result", result);
      model.addAttribute("page", page);
      model.addAttribute("pages", (result.total() + size - 1) / size);
    }
    return "console/owner/usage";
  }
}
