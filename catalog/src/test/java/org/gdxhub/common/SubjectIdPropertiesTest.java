package org.gdxhub.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property-based fuzzing of the 13-digit ID parser (issue #10): whatever a caller sends as a
 * subject ID, the check is a plain yes or no, never an exception that would surface as a 500.
 */
class SubjectIdPropertiesTest {

  static final Gen<String> TWELVE_DIGITS = strings().betweenCodePoints('0', '9').ofLength(12);

  @Test
  void anyStringIsEitherValidOrInvalidWithoutThrowing() {
    // Any Unicode, Thai and full-width digits, whitespace and signs, plain digit strings near 13.
    Gen<String> anything = Generate.oneOf(strings().allPossible().ofLengthBetween(0, 30),
        Generate.pick(java.util.List.of('0', '5', '9', '๐', '๑', '๙', '０', '９', ' ', '-', '+', '\t', '\n'))
            .zip(integers().between(0, 12), (c, at) -> "1101700230708".substring(0, at) + c
                + "1101700230708".substring(at + 1)),
        strings().numericBetween(0, Integer.MAX_VALUE), Generate.constant((String) null));
    qt().withExamples(3000).forAll(anything).checkAssert(value -> {
      if (SubjectId.isValidThirteenDigit(value)) {
        assertThat(value).hasSize(13).containsOnlyDigits();
      }
    });
  }

  @Test
  void twelveDigitsCompletedWithTheirCheckDigitAreValid() {
    qt().withExamples(1000).forAll(TWELVE_DIGITS).checkAssert(twelve -> {
      assertThat(SubjectId.isValidThirteenDigit(SubjectId.withCheckDigit(twelve))).isTrue();
      assertThat(SubjectId.checkDigit(twelve)).isBetween(0, 9);
    });
  }

  @Test
  void exactlyOneCheckDigitIsValid() {
    qt().withExamples(1000).forAll(TWELVE_DIGITS, integers().between(1, 9)).checkAssert((twelve, shift) ->
        assertThat(SubjectId.isValidThirteenDigit(twelve + (SubjectId.checkDigit(twelve) + shift) % 10)).isFalse());
  }

  @Test
  void aNonDigitAnywhereMakesItInvalid() {
    Gen<Character> nonDigits = Generate.characters(0, 0xFFFF).assuming(c -> c < '0' || c > '9');
    qt().withExamples(1000).forAll(TWELVE_DIGITS, integers().between(0, 12), nonDigits).checkAssert((twelve, at, c) -> {
      String id = SubjectId.withCheckDigit(twelve);
      assertThat(SubjectId.isValidThirteenDigit(id.substring(0, at) + c + id.substring(at + 1))).isFalse();
    });
  }

  @Test
  void wrongLengthsAreInvalid() {
    qt().withExamples(500).forAll(strings().betweenCodePoints('0', '9').ofLengthBetween(0, 40))
        .assuming(digits -> digits.length() != 13)
        .check(digits -> !SubjectId.isValidThirteenDigit(digits));
  }
}
