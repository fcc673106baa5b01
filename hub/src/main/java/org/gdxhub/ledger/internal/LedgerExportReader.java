package org.gdxhub.ledger.internal;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.gdxhub.ledger.LedgerCheckpoint;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a ledger export written by {@link LedgerExportWriter}, one line at a time, with
 * Jackson's streaming parser (no object mapping: a million entries read in seconds).
 * Anything unreadable is a {@link FormatException} naming the line.
 */
public final class LedgerExportReader implements AutoCloseable {

  static final JsonFactory FACTORY = JsonFactory.builder().rootValueSeparator("\n").build();

  /** One line of an export. */
  public sealed interface Line permits Header, Entry, Checkpoint, End {}

  public record Header(String format, long fromSeq, long toSeq, String exportedAt, List<String> certificates)
      implements Line {}

  public record Entry(LedgerHashing.Row row, String hash) implements Line {}

  public record Checkpoint(LedgerCheckpoint checkpoint) implements Line {}

  public record End(long entries, long checkpoints) implements Line {}

  /** The export is not readable as one. */
  public static final class FormatException extends RuntimeException {
    private final long line;

    FormatException(long line, String message) {
      super("line " + line + ": " + message);
      this.line = line;
    }

    public long line() {
      return line;
    }
  }

  private final JsonParser parser;

  public LedgerExportReader(InputStream in) {
    this.parser = FACTORY.createParser(ObjectReadContext.empty(), in);
  }

  /** The next line, or null at the end of the input. */
  public Line next() {
    try {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      long line = parser.currentLocation().getLineNr();
      if (token != JsonToken.START_OBJECT) {
        throw new FormatException(line, "expected a JSON object");
      }
      Fields f = new Fields();
      String name;
      while ((name = parser.nextName()) != null) {
        parser.nextToken();
        f.read(name, parser);
      }
      return f.line(line);
    } catch (JacksonException e) {
      long line = e.getLocation() == null ? parser.currentLocation().getLineNr() : e.getLocation().getLineNr();
      throw new FormatException(line, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  @Override
  public void close() {
    parser.close();
  }

  /** The values of one line; unknown names are skipped. */
  private static final class Fields {
    String type;
    String format;
    String exportedAt;
    List<String> certificates;
    Long seq;
    Long fromSeq;
    Long toSeq;
    String id;
    String recordedAt;
    String requestId;
    String agency;
    String unit;
    String officer;
    String datasetId;
    String agreementId;
    Long agreementVersion;
    String purpose;
    String legalBasis;
    String caseRef;
    Boolean cardPresent;
    String subjectType;
    String subjectPseudonym;
    String decision;
    String reasons;
    String fieldsReleased;
    Long connectorLatencyMs;
    String outcome;
    String prevHash;
    String hash;
    String entryHash;
    String signedAt;
    String keyId;
    String algorithm;
    String signature;
    Long entries;
    Long checkpoints;

    void read(String name, JsonParser p) {
      switch (name) {
        case "type" -> type = string(p, name);
        case "format" -> format = string(p, name);
        case "exportedAt" -> exportedAt = string(p, name);
        case "certificates" -> certificates = strings(p, name);
        case "seq" -> seq = number(p, name);
        case "fromSeq" -> fromSeq = number(p, name);
        case "toSeq" -> toSeq = number(p, name);
        case "id" -> id = string(p, name);
        case "recordedAt" -> recordedAt = string(p, name);
        case "requestId" -> requestId = string(p, name);
        case "agency" -> agency = string(p, name);
        case "unit" -> unit = string(p, name);
        case "officer" -> officer = string(p, name);
        case "datasetId" -> datasetId = string(p, name);
        case "agreementId" -> agreementId = string(p, name);
        case "agreementVersion" -> agreementVersion = number(p, name);
        case "purpose" -> purpose = string(p, name);
        case "legalBasis" -> legalBasis = string(p, name);
        case "caseRef" -> caseRef = string(p, name);
        case "cardPresent" -> cardPresent = bool(p, name);
        case "subjectType" -> subjectType = string(p, name);
        case "subjectPseudonym" -> subjectPseudonym = string(p, name);
        case "decision" -> decision = string(p, name);
        case "reasons" -> reasons = string(p, name);
        case "fieldsReleased" -> fieldsReleased = string(p, name);
        case "connectorLatencyMs" -> connectorLatencyMs = number(p, name);
        case "outcome" -> outcome = string(p, name);
        case "prevHash" -> prevHash = string(p, name);
        case "hash" -> hash = string(p, name);
        case "entryHash" -> entryHash = string(p, name);
        case "signedAt" -> signedAt = string(p, name);
        case "keyId" -> keyId = string(p, name);
        case "algorithm" -> algorithm = string(p, name);
        case "signature" -> signature = string(p, name);
        case "entries" -> entries = number(p, name);
        case "checkpoints" -> checkpoints = number(p, name);
        default -> p.skipChildren();
      }
    }

    Line line(long line) {
      if (type == null) {
        throw new FormatException(line, "no \"type\"");
      }
      return switch (type) {
        case "header" -> new Header(require(line, "format", format), require(line, "fromSeq", fromSeq),
            require(line, "toSeq", toSeq), exportedAt, certificates == null ? List.of() : certificates);
        case "entry" -> new Entry(new LedgerHashing.Row(require(line, "seq", seq), require(line, "id", id),
            instant(line, "recordedAt", recordedAt), require(line, "requestId", requestId), agency, unit, officer,
            datasetId, agreementId, agreementVersion == null ? null : Math.toIntExact(agreementVersion), purpose,
            legalBasis, caseRef, require(line, "cardPresent", cardPresent), subjectType, subjectPseudonym,
            require(line, "decision", decision), require(line, "reasons", reasons),
            require(line, "fieldsReleased", fieldsReleased), connectorLatencyMs, require(line, "outcome", outcome),
            require(line, "prevHash", prevHash)), require(line, "hash", hash));
        case "checkpoint" -> new Checkpoint(new LedgerCheckpoint(require(line, "seq", seq),
            require(line, "entryHash", entryHash), instant(line, "signedAt", signedAt), require(line, "keyId", keyId),
            require(line, "algorithm", algorithm), require(line, "signature", signature)));
        case "end" -> new End(require(line, "entries", entries), require(line, "checkpoints", checkpoints));
        default -> throw new FormatException(line, "unknown type \"" + type + "\"");
      };
    }

    private static <T> T require(long line, String name, T value) {
      if (value == null) {
        throw new FormatException(line, "\"" + name + "\" is missing");
      }
      return value;
    }

    private static Instant instant(long line, String name, String value) {
      try {
        return Instant.parse(require(line, name, value));
      } catch (DateTimeParseException e) {
        throw new FormatException(line, "\"" + name + "\" is not an ISO-8601 instant");
      }
    }

    private static String string(JsonParser p, String name) {
      return switch (p.currentToken()) {
        case VALUE_STRING -> p.getString();
        case VALUE_NULL -> null;
        default -> throw new FormatException(p.currentLocation().getLineNr(), "\"" + name + "\" must be a string");
      };
    }

    private static Long number(JsonParser p, String name) {
      return switch (p.currentToken()) {
        case VALUE_NUMBER_INT -> p.getLongValue();
        case VALUE_NULL -> null;
        default -> throw new FormatException(p.currentLocation().getLineNr(), "\"" + name + "\" must be an integer");
      };
    }

    private static Boolean bool(JsonParser p, String name) {
      return switch (p.currentToken()) {
        case VALUE_TRUE -> true;
        case VALUE_FALSE -> false;
        case VALUE_NULL -> null;
        default -> throw new FormatException(p.currentLocation().getLineNr(), "\"" + name + "\" must be true or false");
      };
    }

    private static List<String> strings(JsonParser p, String name) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw new FormatException(p.currentLocation().getLineNr(), "\"" + name + "\" must be an array of strings");
      }
      List<String> values = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        values.add(string(p, name));
      }
      return values;
    }
  }
}
