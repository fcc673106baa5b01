package org.gdxhub.console.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gdxhub.archive.ExtractRequest;
import org.gdxhub.archive.ExtractService;
import org.gdxhub.archive.MonthlyReportService;
import org.gdxhub.archive.SignOffService;
import org.gdxhub.archive.SignOffStatus;
import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.Agreement;
import org.gdxhub.catalog.AgreementService;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Classification;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetStatus;
import org.gdxhub.catalog.RequestAccess;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.exchange.ExchangeService;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.exchange.LookupResult;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The consuming agency's pages: the catalog (search, filters), asking for access, the own
 * agency's requests and agreements, the lookup form and its result, the certified extract of a
 * served lookup, and (for a unit head) the unit's monthly usage and its sign-off. Lookups and
 * extracts go through the exchange and archive services, so every one is policy-decided and
 * ledgered exactly as over the API.
 */
@Controller
@RequestMapping("/console/agency")
class AgencyController {

  private final CatalogService catalog;
  private final AgreementService agreements;
  private final ExchangeService exchange;
  private final ExtractService extracts;
  private final SignOffService signOffs;
  private final ConsoleFormat format;

  AgencyController(CatalogService catalog, AgreementService agreements, ExchangeService exchange,
      ExtractService extracts, SignOffService signOffs, ConsoleFormat format) {
    this.catalog = catalog;
    this.agreements = agreements;
    this.exchange = exchange;
    this.extracts = extracts;
    this.signOffs = signOffs;
    this.format = format;
  }

  Map<String, Agency> agencies() {
    return catalog.agencies().stream().collect(Collectors.toMap(Agency::code, Function.identity()));
  }

  @GetMapping("/catalog")
  String catalog(@RequestParam(required = false) String q, @RequestParam(required = false) String owner,
      @RequestParam(required = false) String classification, @RequestParam(defaultValue = "published") String status,
      Model model) {
    // Consumers see published and retired datasets; drafts stay with their owner.
    DatasetStatus wanted = status.equals("retired") ? DatasetStatus.RETIRED
        : status.equals("any") ? null : DatasetStatus.PUBLISHED;
    String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
    List<Dataset> found = catalog.datasets(wanted, owner == null || owner.isBlank() ? null : owner).stream()
        .filter(d -> d.status() != DatasetStatus.DRAFT)
        .filter(d -> classification == null || classification.isBlank()
            || d.classification().wire().equals(classification))
        .filter(d -> text.isEmpty() || (d.id() + " " + d.titleTh() + " " + d.titleEn() + " "
            + (d.description() == null ? "" : d.description())).toLowerCase(Locale.ROOT).contains(text))
        .sorted(Comparator.comparing(Dataset::id)).toList();
    model.addAttribute("datasets", found);
    model.addAttribute("agencies", agencies());
    model.addAttribute("owners", new TreeSet<>(catalog.datasets(DatasetStatus.PUBLISHED, null).stream()
        .map(Dataset::ownerAgency).toList()));
    model.addAttribute("classifications", Classification.values());
    model.addAttribute("q", q);
    model.addAttribute("owner", owner);
    model.addAttribute("classification", classification);
    model.addAttribute("status", status);
    return "console/agency/catalog";
  }

  @GetMapping("/catalog/{id}")
  String dataset(@PathVariable String id, Model model) {
    Dataset dataset = catalog.dataset(id).filter(d -> d.status() != DatasetStatus.DRAFT)
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_DATASET, "no dataset " + id + " in the catalog"));
    model.addAttribute("dataset", dataset);
    model.addAttribute("agencies", agencies());
    return "console/agency/dataset";
  }

  @PostMapping("/catalog/{id}/request")
  String requestAccess(CallerIdentity caller, @PathVariable String id, @RequestParam String purpose,
      @RequestParam String legalBasis, @RequestParam(required = false) List<String> fields,
      @RequestParam(defaultValue = "false") boolean unitOnly, RedirectAttributes redirect) {
    var request = agreements.requestAccess(caller, new RequestAccess(id, purpose, legalBasis,
        fields == null ? List.of() : fields, unitOnly));
    redirect.addFlashAttribute("notice", "requested");
    redirect.addFlashAttribute("noticeSubject", request.id());
    return "redirect:/console/agency/agreements";
  }

  @GetMapping("/agreements")
  String agreements(CallerIdentity caller, Model model) {
    model.addAttribute("requests", agreements.accessRequests(null, caller.agency(), null));
    model.addAttribute("agreements", agreements.agreements(caller.agency(), null));
    return "console/agency/agreements";
  }

  /** The active agreements the caller may look up under (the unit's, or the whole agency's). */
  List<Agreement> usable(CallerIdentity caller) {
    LocalDate today = LocalDate.now(format.zone());
    return agreements.agreements(caller.agency(), null).stream().filter(a -> a.activeOn(today))
        .filter(a -> a.units().isEmpty() || a.units().contains(caller.unit()))
        .sorted(Comparator.comparing(Agreement::datasetId)).toList();
  }

  @GetMapping("/lookup")
  String lookupForm(CallerIdentity caller, @RequestParam(required = false) String agreement, Model model) {
    lookupChoices(caller, agreement, model);
    return "console/agency/lookup";
  }

  void lookupChoices(CallerIdentity caller, String chosen, Model model) {
    List<Agreement> usable = usable(caller);
    model.addAttribute("agreements", usable);
    model.addAttribute("chosen", chosen);
    model.addAttribute("purposes", new TreeSet<>(usable.stream().flatMap(a -> a.purposes().stream()).toList()));
    model.addAttribute("legalBases", new TreeSet<>(usable.stream().flatMap(a -> a.legalBases().stream()).toList()));
  }

  @PostMapping("/lookup")
  String lookup(CallerIdentity caller, @RequestParam String agreementId, @RequestParam String subjectId,
      @RequestParam(defaultValue = LookupRequest.CITIZEN_ID) String subjectType, @RequestParam String purpose,
      @RequestParam(required = false) String legalBasis, @RequestParam(required = false) String caseRef,
      @RequestParam(defaultValue = "false") boolean cardPresent, Model model) {
    Agreement agreement = agreements.agreement(agreementId).filter(a -> a.consumerAgency().equals(caller.agency()))
        .orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_AGREEMENT, "no agreement " + agreementId
            + " of your agency"));
    String subject = subjectId == null ? "" : subjectId.replaceAll("[\\s-]", "");
    try {
      LookupResult result = exchange.lookup(caller, agreement.datasetId(), new LookupRequest(subject, subjectType,
          purpose, legalBasis, caseRef, cardPresent, agreementId, List.of()));
      model.addAttribute("result", result);
      model.addAttribute("dataset", catalog.requireDataset(agreement.datasetId()));
      model.addAttribute("subjectId", subject);
      model.addAttribute("caseRef", caseRef);
      return "console/agency/result";
    } catch (HubException refused) {
      // The exchange validated, decided and ledgered the attempt; the form shows why it failed.
      lookupChoices(caller, agreementId, model);
      model.addAttribute("error", refused);
      model.addAttribute("form", Map.of("subjectId", subject, "subjectType", subjectType, "purpose", purpose,
          "legalBasis", legalBasis == null ? "" : legalBasis, "caseRef", caseRef == null ? "" : caseRef,
          "cardPresent", cardPresent));
      return "console/agency/lookup";
    }
  }

  /** "Print certified extract": the archive issues, signs and archives it; the browser downloads the PDF. */
  @PostMapping("/extract")
  ResponseEntity<byte[]> extract(CallerIdentity caller, @RequestParam String ledgerEntryId,
      @RequestParam String subjectId) {
    var issued = extracts.issue(caller, new ExtractRequest(ledgerEntryId, null, subjectId, List.of()));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(issued.document().reference() + ".pdf").build().toString())
        .body(issued.pdf());
  }

  @GetMapping("/usage")
  String usage(CallerIdentity caller, @RequestParam(required = false) String month, Model model) {
    YearMonth chosen = month == null || month.isBlank() ? signOffs.lastMonth() : MonthlyReportService.parseMonth(month);
    model.addAttribute("unitMonth", signOffs.unitMonth(caller, chosen));
    model.addAttribute("month", chosen.toString());
    model.addAttribute("thisMonth", YearMonth.now(format.zone()).toString());
    return "console/agency/usage";
  }

  @PostMapping("/usage/sign-off")
  String signOff(CallerIdentity caller, @RequestParam String month, @RequestParam String status,
      @RequestParam(required = false) String note, RedirectAttributes redirect) {
    signOffs.signOff(caller, MonthlyReportService.parseMonth(month), SignOffStatus.fromWire(status), note);
    redirect.addFlashAttribute("notice", "signedOff");
    redirect.addFlashAttribute("noticeSubject", month);
    return "redirect:/console/agency/usage?month=" + month;
  }
}
