package org.gdxhub.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signed statement that the chain's entry {@code seq} has hash {@code entryHash}. Because
 * every entry's hash covers its predecessor's, one valid checkpoint vouches for every entry up
 * to {@code seq}: changing, inserting or deleting any of them changes {@code entryHash}.
 *
 * @param keyId SHA-256 fingerprint of the signing certificate
 * @param algorithm JCA signature algorithm, e.g. {@code SHA256withECDSA}
 * @param signature base64 of the signature over {@link #payload()}
 */
public record LedgerCheckpoint(long seq, String entryHash, Instant signedAt, String keyId, String algorithm,
    String signature) {

  /** First line of the signed payload; a new payload layout gets a new version. */
  public static final String PAYLOAD_VERSION = "gdx-hub-ledger-checkpoint/v1";

  /** The exact bytes that are signed, see {@link #payload(long, String, Instant)}. */
  public byte[] payload() {
    return payload(seq, entryHash, signedAt);
  }

  /**
   * UTF-8 of four newline-terminated lines: {@value #PAYLOAD_VERSION}, the sequence number,
   * the entry hash (lowercase hex) and the signing time in epoch microseconds.
   */
  public static byte[] payload(long seq, String entryHash, Instant signedAt) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, signedAt);
    return (PAYLOAD_VERSION + "\n" + seq + "\n" + entryHash + "\n" + micros + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
