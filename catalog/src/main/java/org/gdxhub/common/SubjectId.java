package org.gdxhub.common;

/**
 * Thai 13-digit identifiers (citizen ID, juristic-person ID) with their mod-11 check digit:
 * digits d1..d12 weighted 13..2, check = (11 - sum mod 11) mod 10.
 */
public final class SubjectId {

  private SubjectId() {}

  /** True when the value is exactly 13 ASCII digits whose last digit is the right check digit. */
  public static boolean isValidThirteenDigit(String value) {
    if (value == null || value.length() != 13) {
      return false;
    }
    for (int i = 0; i < 13; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return value.charAt(12) - '0' == checkDigit(value.substring(0, 12));
  }

  /** The check digit for the first twelve digits. */
  public static int checkDigit(String firstTwelveDigits) {
    if (firstTwelveDigits.length() != 12) {
      throw new IllegalArgumentException("need 12 digits");
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (firstTwelveDigits.charAt(i) - '0') * (13 - i);
    }
    return (11 - sum % 11) % 10;
  }

  /** Completes twelve digits into a valid 13-digit identifier. */
  public static String withCheckDigit(String firstTwelveDigits) {
    return firstTwelveDigits + checkDigit(firstTwelveDigits);
  }
}
