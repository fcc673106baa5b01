package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.gdxhub.common.SubjectId;
import org.junit.jupiter.api.Test;

/** The demo owner systems' synthetic data: deterministic, with valid identifiers. */
class DemoSourceDataTest {

  @Test
  void juristicIdsAreDeterministicAndCarryValidCheckDigits() {
    var first = new DemoBusinessRegistry("a", 0, Duration.ZERO, null, 120);
    var second = new DemoBusinessRegistry("b", 0, Duration.ZERO, null, 120);
    assertThat(first.juristicIds()).hasSize(120).isEqualTo(second.juristicIds())
        .allMatch(SubjectId::isValidThirteenDigit)
        .allSatisfy(id -> assertThat(id).startsWith("010").matches("010[357]\\d{9}"));
    assertThat(new DemoBusinessRegistry("c", 0, Duration.ZERO, null, 10).juristicIds())
        .isSubsetOf(first.juristicIds());
  }

  @Test
  void vatRegistrantsAreCompaniesOfTheRegistryAndShopkeepers() {
    var companies = new DemoBusinessRegistry("a", 0, Duration.ZERO, null, 120);
    var people = List.of(new DemoRevenueDepartment.Person(SubjectId.withCheckDigit("110170023070"), "นายสมชาย ใจดี", "1 ม.1"));
    var revenue = new DemoRevenueDepartment("r", 0, Duration.ZERO, null, companies, people);
    assertThat(revenue.registeredIds()).isNotEmpty().allMatch(SubjectId::isValidThirteenDigit);
    assertThat(revenue.registeredIds().stream().filter(id -> id.startsWith("0")))
        .hasSizeBetween(60, 110).allMatch(companies.juristicIds()::contains);
  }
}
