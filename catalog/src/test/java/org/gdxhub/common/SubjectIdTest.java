package org.gdxhub.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectIdTest {

  @Test
  void computesTheMod11CheckDigit() {
    // 1-1017-00230-70-?: sum of d1..d12 weighted 13..2 is 146; (11 - 146 mod 11) mod 10 = 8.
    assertThat(SubjectId.checkDigit("110170023070")).isEqualTo(8);
    assertThat(SubjectId.isValidThirteenDigit("1101700230708")).isTrue();
  }

  @Test
  void checkDigitTenWrapsToZero() {
    assertThat(SubjectId.checkDigit("100000000000")).as("13 mod 11 = 2 -> 9").isEqualTo(9);
    // 6 * 2 = 12 and 12 mod 11 = 1, so 11 - 1 = 10, which the scheme maps to 0.
    assertThat(SubjectId.checkDigit("000000000006")).isZero();
  }

  @Test
  void completesTwelveDigitsIntoAValidId() {
    assertThat(SubjectId.isValidThirteenDigit(SubjectId.withCheckDigit("352010012345"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1101700230707", "110170023070", "11017002307088", "1-101-7002307", "110170023070a",
      "", "１１０１７００２３０７０８"})
  void rejectsWrongCheckDigitLengthOrCharacters(String value) {
    assertThat(SubjectId.isValidThirteenDigit(value)).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThat(SubjectId.isValidThirteenDigit(null)).isFalse();
  }

  @Test
  void checkDigitNeedsTwelveDigits() {
    assertThatThrownBy(() -> SubjectId.checkDigit("123")).isInstanceOf(IllegalArgumentException.class);
  }
}
