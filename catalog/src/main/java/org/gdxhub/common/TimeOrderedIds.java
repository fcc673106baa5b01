package org.gdxhub.common;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Identifiers for rows written at high rates (ledger entries, exchange requests): UUID version 7
 * (RFC 9562), which begins with the creation time in milliseconds. Their text sorts by time, so
 * the unique indexes on them grow at one end, and a commit of many entries touches a few index
 * pages instead of one random page per entry as random (version 4) UUIDs do. They stay opaque
 * 36-character UUIDs; they reveal only when the row was created, which the row states anyway.
 */
public final class TimeOrderedIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private TimeOrderedIds() {}

  /** A new time-ordered UUID as text. */
  public static String next() {
    return GENERATOR.generate().toString();
  }
}
