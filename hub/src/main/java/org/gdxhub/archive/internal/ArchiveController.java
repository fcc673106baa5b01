package org.gdxhub.archive.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.gdxhub.archive.ArchiveService;
import org.gdxhub.archive.ArchivedDocument;
import org.gdxhub.archive.ExtractRequest;
import org.gdxhub.archive.ExtractService;
import org.gdxhub.archive.MonthlyReport;
import org.gdxhub.archive.MonthlyReportService;
import org.gdxhub.archive.SignOff;
import org.gdxhub.archive.SignOffOverview;
import org.gdxhub.archive.SignOffService;
import org.gdxhub.archive.SignOffStatus;
import org.gdxhub.archive.UnitMonth;
import org.gdxhub.archive.Verification;
import org.gdxhub.archive.VerificationService;
import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The archive's API: certified extracts, documents and their bytes, revocation, extracts about
 * a subject, verification, retention, monthly reports and the monthly sign-off.
 */
@RestController
@RequestMapping("/api/v1/archive")
class ArchiveController {

  static final MediaType PDF = MediaType.APPLICATION_PDF;
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  /** Verification reads at most this much of an upload. */
  static final int MAX_PDF_BYTES = 20 * 1024 * 1024;

  private final ExtractService extracts;
  private final ArchiveService archive;
  private final VerificationService verification;
  private final MonthlyReportService reports;
  private final SignOffService signOffs;

  ArchiveController(ExtractService extracts, ArchiveService archive, VerificationService verification,
      MonthlyReportService reports, SignOffService signOffs) {
    this.extracts = extracts;
    this.archive = archive;
    this.verification = verification;
    this.reports = reports;
    this.signOffs = signOffs;
  }

  /** A document's metadata and where to get it. */
  record DocumentResponse(ArchivedDocument document, String pdf, String csv, String verifyUrl) {

    static DocumentResponse of(ArchivedDocument d, ArchiveService archive) {
      String base = "/api/v1/archive/documents/" + d.id();
      return new DocumentResponse(d, d.contentAvailable() ? base + "/pdf" : null,
          d.hasCsv() && d.contentAvailable() ? base + "/csv" : null,
          ArchiveService.verifyUrl(archive.properties(), d.id(), d.contentHash()));
    }
  }

  // --- certified extracts --------------------------------------------------------------------

  @PostMapping("/extracts")
  ResponseEntity<DocumentResponse> issue(CallerIdentity caller, @RequestBody(required = false) ExtractRequest request) {
    ExtractService.IssuedExtract issued = extracts.issue(caller,
        request != null ? request : new ExtractRequest(null, null, null, null));
    return ResponseEntity.status(HttpStatus.CREATED).body(DocumentResponse.of(issued.document(), archive));
  }

  record SubjectRequest(String subjectId, String subjectType) {}

  /** The extracts about a subject; the clear ID only in a POST body (never in a URL, which ends up in logs). */
  @PostMapping("/extracts/by-subject")
  List<DocumentResponse> extractsAbout(CallerIdentity caller, @RequestBody SubjectRequest request) {
    return archive.extractsAbout(caller, request.subjectType(), request.subjectId()).stream()
        .map(d -> DocumentResponse.of(d, archive)).toList();
  }

  // --- documents ------------------------------------------------------------------------------

  @GetMapping("/documents/{id}")
  DocumentResponse document(CallerIdentity caller, @PathVariable String id) {
    return DocumentResponse.of(archive.document(caller, id), archive);
  }

  @GetMapping("/documents/{id}/pdf")
  ResponseEntity<byte[]> pdf(CallerIdentity caller, @PathVariable String id) {
    ArchivedDocument document = archive.document(caller, id);
    return download(archive.pdf(caller, id), PDF, document.kind().wire() + "-" + id + ".pdf");
  }

  @GetMapping("/documents/{id}/csv")
  ResponseEntity<byte[]> csv(CallerIdentity caller, @PathVariable String id) {
    ArchivedDocument document = archive.document(caller, id);
    return download(archive.csv(caller, id), CSV, document.kind().wire() + "-" + id + ".csv");
  }

  record RevokeRequest(String reason) {}

  @PostMapping("/documents/{id}/revoke")
  DocumentResponse revoke(CallerIdentity caller, @PathVariable String id,
      @RequestBody(required = false) RevokeRequest request) {
    return DocumentResponse.of(archive.revoke(caller, id, request == null ? null : request.reason()), archive);
  }

  @GetMapping(value = "/certificate", produces = "application/x-pem-file")
  String certificate() {
    return archive.certificatePem();
  }

  @PostMapping("/retention/run")
  Map<String, Object> runRetention(CallerIdentity caller) {
    if (!caller.roles().contains(ArchiveService.OPERATOR)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role operator may run retention");
    }
    return Map.of("contentDeleted", archive.purgeExpired());
  }

  // --- verification (public) --------------------------------------------------------------------

  @PostMapping(value = "/verify", consumes = MediaType.APPLICATION_PDF_VALUE)
  Verification verifyPdf(@RequestBody byte[] pdf) {
    return verification.verify(limited(pdf));
  }

  @PostMapping(value = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Verification verifyUpload(@RequestPart("file") MultipartFile file) throws IOException {
    return verification.verify(limited(file.getBytes()));
  }

  record VerifyRequest(String documentId, String hash) {}

  @PostMapping(value = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
  Verification verifyHash(@RequestBody VerifyRequest request) {
    return verification.verify(request.documentId(), request.hash());
  }

  static byte[] limited(byte[] pdf) {
    if (pdf != null && pdf.length > MAX_PDF_BYTES) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "the PDF is larger than " + MAX_PDF_BYTES + " bytes");
    }
    return pdf;
  }

  // --- monthly reports ------------------------------------------------------------------------

  @PostMapping("/reports")
  ResponseEntity<DocumentResponse> generateReport(CallerIdentity caller, @RequestParam String month) {
    var report = reports.generate(caller, MonthlyReportService.parseMonth(month));
    return ResponseEntity.status(HttpStatus.CREATED).body(DocumentResponse.of(report.document(), archive));
  }

  @GetMapping("/reports")
  List<DocumentResponse> reports(CallerIdentity caller, @RequestParam(required = false) String month) {
    return reports.reports(caller, month).stream().map(d -> DocumentResponse.of(d, archive)).toList();
  }

  /** The report's numbers as JSON, without archiving anything. */
  @GetMapping("/reports/preview")
  MonthlyReport preview(CallerIdentity caller, @RequestParam String month) {
    if (!caller.roles().contains(ArchiveService.COMMITTEE)) {
      throw new HubException(ErrorCode.ROLE_REQUIRED, "only a caller with role committee may read reports");
    }
    return reports.report(MonthlyReportService.parseMonth(month));
  }

  // --- monthly sign-off -----------------------------------------------------------------------

  @GetMapping("/sign-offs/unit")
  UnitMonth unitMonth(CallerIdentity caller, @RequestParam(required = false) String month) {
    return signOffs.unitMonth(caller, month == null ? signOffs.lastMonth() : MonthlyReportService.parseMonth(month));
  }

  record SignOffRequest(String month, SignOffStatus status, String note) {}

  @PostMapping("/sign-offs")
  SignOff signOff(CallerIdentity caller, @RequestBody SignOffRequest request) {
    return signOffs.signOff(caller, request.month() == null ? signOffs.lastMonth()
        : MonthlyReportService.parseMonth(request.month()), request.status(), request.note());
  }

  @GetMapping("/sign-offs")
  SignOffOverview overview(CallerIdentity caller, @RequestParam(required = false) String month) {
    return signOffs.overview(caller, month == null ? signOffs.lastMonth() : MonthlyReportService.parseMonth(month));
  }

  private static ResponseEntity<byte[]> download(byte[] bytes, MediaType type, String filename) {
    return ResponseEntity.ok().contentType(type)
        .header("Content-Disposition", ContentDisposition.attachment().filename(filename).build().toString())
        .body(bytes);
  }
}
