package org.gdxhub.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gdxhub.archive.internal.DocumentArchiver;
import org.gdxhub.archive.internal.ExtractDocument;
import org.gdxhub.archive.internal.DocumentRenderer;
import org.gdxhub.archive.internal.References;
import org.gdxhub.catalog.Agency;
import org.gdxhub.catalog.CatalogService;
import org.gdxhub.catalog.Dataset;
import org.gdxhub.catalog.DatasetField;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.common.JsonText;
import org.gdxhub.common.SubjectId;
import org.gdxhub.exchange.ExchangeService;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.exchange.LookupResult;
import org.gdxhub.ledger.ExchangeRecord;
import org.gdxhub.ledger.LedgerEntry;
import org.gdxhub.ledger.LedgerService;
import org.gdxhub.security.SubjectPseudonymizer;

/**
 * Issues certified extracts of served lookups (ADR 0009). The officer who made a lookup asks,
 * within {@code hub.archive.extract.lookup-max-age}, for an extract of it, giving the subject's
 * ID again (the ledger holds only its pseudonym, and must match). The hub then looks the
 * subject up afresh, in the original lookup's context (agreement, purpose, legal basis, case,
 * card read) and for the same fields: a new policy decision and a new ledger entry with outcome
 * {@code extract_issued}, so that issuing is itself a ledgered exchange and nothing is
 * certified that the policy would not release now. The extract is rendered, signed by the
 * signing service and archived; no clear personal data is stored outside the archive.
 */
public class ExtractService {

  private final ExchangeService exchange;
  private final LedgerService ledger;
  private final CatalogService catalog;
  private final SubjectPseudonymizer pseudonymizer;
  private final DocumentArchiver archiver;
  private final DocumentRenderer renderer;
  private final ArchiveProperties properties;
  private final ZoneId zone;
  private final Clock clock;

  public ExtractService(ExchangeService exchange, LedgerService ledger, CatalogService catalog,
      SubjectPseudonymizer pseudonymizer, DocumentArchiver archiver, DocumentRenderer renderer,
      ArchiveProperties properties, ZoneId zone, Clock clock) {
    this.exchange = exchange;
    this.ledger = ledger;
    this.catalog = catalog;
    this.pseudonymizer = pseudonymizer;
    this.archiver = archiver;
    this.renderer = renderer;
    this.properties = properties;
    this.zone = zone;
    this.clock = clock;
  }

  /** An issued extract: its metadata and the signed PDF. */
  public record IssuedExtract(ArchivedDocument document, byte[] pdf) {}

  public IssuedExtract issue(CallerIdentity caller, ExtractRequest request) {
    caller.requireIdentified();
    LedgerEntry source = sourceLookup(request);
    ExchangeRecord original = source.exchange();
    if (original.decision() != ExchangeRecord.Decision.ALLOW || !ExchangeService.SERVED.equals(original.outcome())) {
      throw new HubException(ErrorCode.LOOKUP_NOT_CERTIFIABLE, "ledger entry " + source.id() + " is a "
          + original.outcome() + " exchange; only a served lookup can be certified").with("ledgerEntryId", source.id());
    }
    if (!caller.agency().equals(original.agency()) || !caller.unit().equals(original.unit())
        || !caller.officer().equals(original.officer())) {
      throw new HubException(ErrorCode.NOT_LOOKUP_OFFICER, "only the officer who made lookup " + source.id()
          + " may ask for its extract");
    }
    // Millisecond precision: what the database and the document keep alike.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    if (source.recordedAt().plus(properties.extract().lookupMaxAge()).isBefore(now)) {
      throw new HubException(ErrorCode.LOOKUP_NOT_CERTIFIABLE, "lookup " + source.id() + " is older than "
          + properties.extract().lookupMaxAge() + "; look the subject up again and ask for the extract then")
          .with("ledgerEntryId", source.id());
    }
    if (request.subjectId() == null || !SubjectId.isValidThirteenDigit(request.subjectId())
        || !pseudonymizer.pseudonym(original.subjectType(), request.subjectId()).equals(original.subjectPseudonym())) {
      throw new HubException(ErrorCode.SUBJECT_MISMATCH, "subjectId is not the subject of lookup " + source.id());
    }
    List<String> fields = original.fieldsReleased();
    if (!request.fields().isEmpty()) {
      if (!fields.containsAll(request.fields())) {
        throw new HubException(ErrorCode.INVALID_REQUEST, "fields must be among the lookup's released fields "
            + fields);
      }
      fields = request.fields();
    }

    // The fresh, policy-checked lookup; a deny or a source failure propagates and is ledgered as such.
    LookupResult fresh = exchange.lookupForExtract(caller, original.datasetId(), new LookupRequest(
        request.subjectId(), original.subjectType(), original.purpose(), original.legalBasis(), original.caseRef(),
        original.cardPresent(), original.agreementId(), fields));

    Dataset dataset = catalog.requireDataset(original.datasetId());
    Optional<Agency> owner = catalog.agency(dataset.ownerAgency());
    Optional<Agency> consumer = catalog.agency(caller.agency());
    Optional<Agency.AgencyUnit> unit = consumer.flatMap(a -> a.units().stream()
        .filter(u -> u.code().equals(caller.unit())).findFirst());

    String id = References.newId();
    String reference = References.newReference(DocumentKind.EXTRACT, now.atZone(zone).toLocalDate());
    List<ExtractDocument.Field> printed = new ArrayList<>();
    List<Map<String, Object>> fieldJson = new ArrayList<>();
    for (DatasetField field : dataset.fields()) {
      if (fresh.record().containsKey(field.name())) {
        Object value = fresh.record().get(field.name());
        printed.add(new ExtractDocument.Field(field.name(), field.labelTh(), field.labelEn(), value));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", field.name());
        f.put("labelTh", field.labelTh());
        f.put("labelEn", field.labelEn());
        f.put("value", value);
        fieldJson.add(f);
      }
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("format", "gdx-hub-extract/1");
    content.put("documentId", id);
    content.put("reference", reference);
    content.put("issuedAt", now.toString());
    content.put("issuer", properties.issuer().nameEn());
    content.put("dataset", dataset.id());
    content.put("owner", dataset.ownerAgency());
    content.put("agency", caller.agency());
    content.put("unit", caller.unit());
    content.put("officer", caller.officer());
    content.put("purpose", original.purpose());
    content.put("legalBasis", original.legalBasis());
    content.put("caseRef", original.caseRef());
    content.put("cardPresent", original.cardPresent());
    content.put("agreementId", fresh.agreementId());
    content.put("ledgerEntryId", fresh.ledgerEntryId());
    content.put("sourceLedgerEntryId", source.id());
    content.put("subjectType", original.subjectType());
    content.put("fields", fieldJson);
    byte[] contentJson = JsonText.write(content).getBytes(StandardCharsets.UTF_8);
    String contentHash = DocumentArchiver.sha256(contentJson);
    String verifyUrl = ArchiveService.verifyUrl(properties, id, contentHash);

    var document = new ExtractDocument(id, reference, now.atZone(zone), properties.issuer().nameTh(),
        properties.issuer().nameEn(), dataset.id(), dataset.titleTh(), dataset.titleEn(),
        owner.map(Agency::nameTh).orElse(dataset.ownerAgency()), owner.map(Agency::nameEn).orElse(dataset.ownerAgency()),
        consumer.map(Agency::nameTh).orElse(caller.agency()), consumer.map(Agency::nameEn).orElse(caller.agency()),
        unit.map(Agency.AgencyUnit::nameTh).orElse(caller.unit()), unit.map(Agency.AgencyUnit::nameEn).orElse(caller.unit()),
        caller.officer(), original.purpose(), original.legalBasis(), original.caseRef(), original.cardPresent(),
        source.recordedAt().atZone(zone), fresh.agreementId(), fresh.ledgerEntryId(), source.id(), printed,
        contentJson, contentHash, verifyUrl, renderer.signerName());
    try {
      byte[] pdf = renderer.extract(document);
      var draft = new ArchivedDocument(id, DocumentKind.EXTRACT, reference, dataset.titleTh() + " / " + dataset.titleEn(),
          now, caller.agency(), caller.unit(), caller.officer(), dataset.id(), fresh.ledgerEntryId(), source.id(),
          original.subjectType(), original.subjectPseudonym(), null, contentHash, null, 0, false, null,
          now.plus(properties.extract().retention()), null, null, null, null);
      DocumentArchiver.Archived archived = archiver.archive(draft, pdf, null,
          "Certified extract of ledger entry " + fresh.ledgerEntryId());
      return new IssuedExtract(archived.document(), archived.pdf());
    } catch (HubException e) {
      // The extract_issued entry stands (the data was pulled); say which one had no extract.
      throw e.with("ledgerEntryId", fresh.ledgerEntryId());
    }
  }

  private LedgerEntry sourceLookup(ExtractRequest request) {
    if (request.ledgerEntryId() != null && !request.ledgerEntryId().isBlank()) {
      return ledger.entry(request.ledgerEntryId()).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
          "no ledger entry " + request.ledgerEntryId()));
    }
    if (request.requestId() != null && !request.requestId().isBlank()) {
      return ledger.entryForRequest(request.requestId()).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND,
          "no lookup with request id " + request.requestId()));
    }
    throw new HubException(ErrorCode.INVALID_REQUEST, "give the lookup's ledgerEntryId or requestId");
  }
}
