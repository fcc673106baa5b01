package org.gdxhub.archive.internal;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.gdxhub.archive.Verification;
import org.gdxhub.archive.VerificationService;
import org.gdxhub.common.HubException;
import org.gdxhub.ledger.LedgerSearchProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.HtmlUtils;

/**
 * The public verify page the QR code on every document opens: plain server-rendered HTML (no
 * scripts, no external styles or fonts), in Thai and English. It shows whether the document is
 * valid, tampered, revoked or unknown and which ledger entry it belongs to, never personal data.
 * Anyone can also upload a PDF here for the full check.
 */
@Controller
@RequestMapping("/archive/verify")
class VerifyPageController {

  private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  private final VerificationService verification;
  private final ZoneId zone;

  VerifyPageController(VerificationService verification, LedgerSearchProperties search) {
    this.verification = verification;
    this.zone = search.zone();
  }

  @GetMapping
  ResponseEntity<String> form() {
    return page("ตรวจสอบเอกสาร / Verify a document", "<p>" + uploadForm() + "</p>");
  }

  @GetMapping("/{id}")
  ResponseEntity<String> byIdAndHash(@PathVariable String id, @RequestParam(required = false) String hash) {
    if (hash == null || hash.isBlank()) {
      return page("ตรวจสอบเอกสาร / Verify a document", "<p>ใส่ค่าแฮชที่พิมพ์บนเอกสาร หรืออัปโหลดไฟล์ PDF"
          + " / Give the hash printed on the document, or upload the PDF.</p>" + hashForm(id) + uploadForm());
    }
    try {
      return result(verification.verify(id, hash), false);
    } catch (HubException e) {
      return page("ตรวจสอบเอกสาร / Verify a document", "<p>" + escape(e.getMessage()) + "</p>" + uploadForm());
    }
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<String> upload(@RequestPart("file") MultipartFile file) throws IOException {
    try {
      return result(verification.verify(ArchiveController.limited(file.getBytes())), true);
    } catch (HubException e) {
      return page("ตรวจสอบเอกสาร / Verify a document", "<p>" + escape(e.getMessage()) + "</p>" + uploadForm());
    }
  }

  private ResponseEntity<String> result(Verification v, boolean uploaded) {
    String[] verdict = switch (v.status()) {
      case VALID -> new String[] {"ok", "เอกสารถูกต้อง", "Valid: issued by this hub and unchanged"};
      case REVOKED -> new String[] {"warn", "เอกสารถูกเพิกถอนแล้ว", "Revoked: issued by this hub, but revoked"};
      case TAMPERED -> new String[] {"bad", "เอกสารถูกแก้ไข ไม่ตรงกับที่ออก", "Tampered: not the document as issued"};
      case UNKNOWN -> new String[] {"bad", "ไม่พบเอกสารนี้ในระบบ", "Unknown: this hub did not issue it"};
    };
    StringBuilder body = new StringBuilder();
    body.append("<div class=\"verdict ").append(verdict[0]).append("\"><strong>").append(verdict[1])
        .append("</strong><br>").append(verdict[2]).append("</div><table>");
    row(body, "สถานะ / Status", "<code>" + v.status().wire() + "</code>");
    if (v.documentId() != null) {
      row(body, "ประเภท / Kind", escape(v.kind().wire()));
      row(body, "เลขที่ / Reference", escape(v.reference()));
      row(body, "เรื่อง / Title", escape(v.title()));
      row(body, "ออกเมื่อ / Issued at", escape(TIME.format(v.issuedAt().atZone(zone))));
      if (v.period() != null) {
        row(body, "เดือน / Month", escape(v.period()));
      }
      if (v.ledgerEntryId() != null) {
        row(body, "รายการในสารบรรณกลาง / Ledger entry", "<code>" + escape(v.ledgerEntryId()) + "</code>");
      }
      row(body, "ค่าแฮชของข้อมูล / Content SHA-256", "<code>" + escape(v.contentHash()) + "</code>");
      if (v.revokedAt() != null) {
        row(body, "เพิกถอนเมื่อ / Revoked at", escape(TIME.format(v.revokedAt().atZone(zone))) + " — "
            + escape(v.revocationReason()));
      }
      if (v.contentDeleted()) {
        row(body, "การเก็บรักษา / Retention", "ครบกำหนดเก็บรักษาแล้ว ระบบเก็บเฉพาะค่าแฮช"
            + " / retention over: the hub keeps only the hashes");
      }
    }
    if (v.signature() != null) {
      var s = v.signature();
      row(body, "ลายมือชื่อดิจิทัล / Signature", s.ok() ? "ถูกต้อง / valid" : escape(
          (s.present() ? "" : "none; ") + (s.valid() ? "" : "does not verify; ")
              + (s.coversWholeFile() ? "" : "content added after signing; ")
              + (s.trusted() ? "" : "not the archive's certificate")));
      if (s.signer() != null) {
        row(body, "ผู้ลงนาม / Signer", escape(s.signer()));
      }
    }
    if (!v.problems().isEmpty()) {
      StringBuilder list = new StringBuilder("<ul>");
      v.problems().forEach(p -> list.append("<li>").append(escape(p)).append("</li>"));
      row(body, "หมายเหตุ / Notes", list.append("</ul>").toString());
    }
    body.append("</table>");
    if (!uploaded) {
      body.append("<p>ตรวจสอบไฟล์ฉบับเต็ม / Check the whole file:</p>");
    }
    body.append(uploadForm());
    return page("ผลการตรวจสอบเอกสาร / Verification result", body.toString());
  }

  private static void row(StringBuilder body, String label, String valueHtml) {
    body.append("<tr><th>").append(escape(label)).append("</th><td>").append(valueHtml).append("</td></tr>");
  }

  private static String hashForm(String id) {
    return "<form method=\"get\" action=\"/archive/verify/" + escape(id) + "\"><label>SHA-256 <input name=\"hash\" "
        + "size=\"70\" pattern=\"[0-9a-fA-F]{64}\" required></label> <button>ตรวจสอบ / Verify</button></form>";
  }

  private static String uploadForm() {
    return "<form method=\"post\" action=\"/archive/verify\" enctype=\"multipart/form-data\"><label>PDF "
        + "<input type=\"file\" name=\"file\" accept=\"application/pdf\" required></label> "
        + "<button>ตรวจสอบไฟล์ / Verify the file</button></form>";
  }

  private static String escape(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
  }

  private static ResponseEntity<String> page(String title, String body) {
    String html = """
        <!DOCTYPE html>
        <html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <style>
        body{font-family:"Laksaman","TH Sarabun New","Sarabun","Noto Sans Thai",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
        h1{font-size:1.4rem;color:#1f3a5f;border-bottom:2px solid #1f3a5f;padding-bottom:.3rem}
        .verdict{padding:.8rem 1rem;border-radius:.4rem;margin:1rem 0;font-size:1.1rem}
        .ok{background:#e3f4e6;border:1px solid #2e7d32}.warn{background:#fff4e0;border:1px solid #ef6c00}.bad{background:#fde7e7;border:1px solid #c62828}
        table{border-collapse:collapse;width:100%%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ddd}
        th{width:40%%;font-weight:600;color:#444}code{word-break:break-all}form{margin:1rem 0}
        </style></head><body>
        <h1>%s</h1>
        %s
        <p style="color:#666;font-size:.9rem">GDX Hub · ศูนย์แลกเปลี่ยนข้อมูลภาครัฐ</p>
        </body></html>
        """.formatted(escape(title), escape(title), body);
    return ResponseEntity.ok().contentType(HTML).body(html);
  }
}
