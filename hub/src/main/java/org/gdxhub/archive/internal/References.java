package org.gdxhub.archive.internal;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

import org.gdxhub.archive.DocumentKind;

/**
 * Document ids (random UUIDs: the public verify page takes them, so they must not be
 * guessable) and the reference numbers printed on documents: {@code GDX-EX 2569/3F9A-2C71-AB12-CD34},
 * kind, Buddhist Era year, 64 random bits.
 */
public final class References {

  private static final SecureRandom RANDOM = new SecureRandom();

  private References() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public static String newReference(DocumentKind kind, LocalDate date) {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    String hex = HexFormat.of().withUpperCase().formatHex(bytes);
    return "GDX-" + (kind == DocumentKind.EXTRACT ? "EX" : "RP") + " " + ThaiDates.buddhistYear(date.getYear()) + "/"
        + hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12);
  }
}
