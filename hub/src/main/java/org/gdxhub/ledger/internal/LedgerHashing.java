package org.gdxhub.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical encoding of a ledger entry and its SHA-256. Every field is written in a fixed
 * order as a 4-byte length and its UTF-8 bytes (length -1 for null), so no two different
 * entries can encode the same way. Time is hashed as epoch microseconds, the precision both
 * H2 and PostgreSQL keep.
 */
public final class LedgerHashing {

  public static final String GENESIS_HASH = "0".repeat(64);

  private LedgerHashing() {}

  public static Instant truncate(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  /** Stored column values of one entry, in chain order (the hash itself excluded). */
  public record Row(long seq, String id, Instant recordedAt, String requestId, String agency, String unit,
      String officer, String datasetId, String agreementId, Integer agreementVersion, String purpose,
      String legalBasis, String caseRef, boolean cardPresent, String subjectType, String subjectPseudonym,
      String decision, String reasonsJson, String fieldsReleasedJson, Long connectorLatencyMs, String outcome,
      String prevHash) {}

  public static String hash(Row row) {
    Encoder e = ENCODER.get();
    e.reset();
    e.put(Long.toString(row.seq()));
    e.put(row.id());
    Instant t = truncate(row.recordedAt());
    e.put(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t)));
    e.put(row.requestId());
    e.put(row.agency());
    e.put(row.unit());
    e.put(row.officer());
    e.put(row.datasetId());
    e.put(row.agreementId());
    e.put(row.agreementVersion() == null ? null : row.agreementVersion().toString());
    e.put(row.purpose());
    e.put(row.legalBasis());
    e.put(row.caseRef());
    e.put(Boolean.toString(row.cardPresent()));
    e.put(row.subjectType());
    e.put(row.subjectPseudonym());
    e.put(row.decision());
    e.put(row.reasonsJson());
    e.put(row.fieldsReleasedJson());
    e.put(row.connectorLatencyMs() == null ? null : row.connectorLatencyMs().toString());
    e.put(row.outcome());
    e.put(row.prevHash());
    return e.sha256();
  }

  // One encoder per thread: hashing runs for every append and a million times per verification.
  private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

  private static final class Encoder {
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha256;
    private byte[] buffer = new byte[1024];
    private int size;

    Encoder() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 unavailable", e);
      }
    }

    void reset() {
      size = 0;
    }

    void put(String value) {
      if (value == null) {
        writeInt(-1);
        return;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      writeInt(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, size, bytes.length);
      size += bytes.length;
    }

    private void writeInt(int v) {
      ensure(4);
      buffer[size++] = (byte) (v >>> 24);
      buffer[size++] = (byte) (v >>> 16);
      buffer[size++] = (byte) (v >>> 8);
      buffer[size++] = (byte) v;
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }

    String sha256() {
      sha256.reset();
      sha256.update(buffer, 0, size);
      return HEX.formatHex(sha256.digest());
    }
  }
}
