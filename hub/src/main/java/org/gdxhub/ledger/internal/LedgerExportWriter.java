package org.gdxhub.ledger.internal;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.gdxhub.ledger.LedgerCheckpoint;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Writes a ledger export: JSON lines, one object per line, {@code type} first.
 *
 * <pre>
 * {"type":"header","format":"gdx-hub-ledger-export/1","fromSeq":1,"toSeq":N,"exportedAt":"...","certificates":["-----BEGIN CERTIFICATE-----..."]}
 * {"type":"entry","seq":1,"id":"...", ...every hashed column as stored..., "prevHash":"...","hash":"..."}
 * {"type":"checkpoint","seq":1000,"entryHash":"...","signedAt":"...","keyId":"...","algorithm":"SHA256withECDSA","signature":"base64"}
 * {"type":"end","entries":N,"checkpoints":M}
 * </pre>
 *
 * Entry values are the stored column values exactly as hashed ({@code reasons} and
 * {@code fieldsReleased} are the stored JSON text), so a verifier recomputes each hash
 * without interpreting anything. A checkpoint line follows the entry it signs.
 */
public final class LedgerExportWriter implements AutoCloseable {

  public static final String FORMAT = "gdx-hub-ledger-export/1";

  private final JsonGenerator json;
  private long entries;
  private long checkpoints;

  public LedgerExportWriter(OutputStream out) {
    this.json = LedgerExportReader.FACTORY.createGenerator(ObjectWriteContext.empty(), out);
  }

  public void header(long fromSeq, long toSeq, Instant exportedAt, List<String> certificatesPem) {
    json.writeStartObject();
    json.writeStringProperty("type", "header");
    json.writeStringProperty("format", FORMAT);
    json.writeNumberProperty("fromSeq", fromSeq);
    json.writeNumberProperty("toSeq", toSeq);
    json.writeStringProperty("exportedAt", exportedAt.toString());
    json.writeName("certificates");
    json.writeStartArray();
    for (String pem : certificatesPem) {
      json.writeString(pem);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  public void entry(LedgerHashing.Row r, String hash) {
    json.writeStartObject();
    json.writeStringProperty("type", "entry");
    json.writeNumberProperty("seq", r.seq());
    json.writeStringProperty("id", r.id());
    json.writeStringProperty("recordedAt", LedgerHashing.truncate(r.recordedAt()).toString());
    json.writeStringProperty("requestId", r.requestId());
    json.writeStringProperty("agency", r.agency());
    json.writeStringProperty("unit", r.unit());
    json.writeStringProperty("officer", r.officer());
    json.writeStringProperty("datasetId", r.datasetId());
    json.writeStringProperty("agreementId", r.agreementId());
    if (r.agreementVersion() == null) {
      json.writeNullProperty("agreementVersion");
    } else {
      json.writeNumberProperty("agreementVersion", r.agreementVersion().intValue());
    }
    json.writeStringProperty("purpose", r.purpose());
    json.writeStringProperty("legalBasis", r.legalBasis());
    json.writeStringProperty("caseRef", r.caseRef());
    json.writeBooleanProperty("cardPresent", r.cardPresent());
    json.writeStringProperty("subjectType", r.subjectType());
    json.writeStringProperty("subjectPseudonym", r.subjectPseudonym());
    json.writeStringProperty("decision", r.decision());
    json.writeStringProperty("reasons", r.reasonsJson());
    json.writeStringProperty("fieldsReleased", r.fieldsReleasedJson());
    if (r.connectorLatencyMs() == null) {
      json.writeNullProperty("connectorLatencyMs");
    } else {
      json.writeNumberProperty("connectorLatencyMs", r.connectorLatencyMs().longValue());
    }
    json.writeStringProperty("outcome", r.outcome());
    json.writeStringProperty("prevHash", r.prevHash());
    json.writeStringProperty("hash", hash);
    json.writeEndObject();
    entries++;
  }

  public void checkpoint(LedgerCheckpoint c) {
    json.writeStartObject();
    json.writeStringProperty("type", "checkpoint");
    json.writeNumberProperty("seq", c.seq());
    json.writeStringProperty("entryHash", c.entryHash());
    json.writeStringProperty("signedAt", c.signedAt().toString());
    json.writeStringProperty("keyId", c.keyId());
    json.writeStringProperty("algorithm", c.algorithm());
    json.writeStringProperty("signature", c.signature());
    json.writeEndObject();
    checkpoints++;
  }

  /** Writes the trailer (counts, so a cut-off file is detected) and flushes. */
  public void end() {
    json.writeStartObject();
    json.writeStringProperty("type", "end");
    json.writeNumberProperty("entries", entries);
    json.writeNumberProperty("checkpoints", checkpoints);
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  @Override
  public void close() {
    json.close();
  }
}
