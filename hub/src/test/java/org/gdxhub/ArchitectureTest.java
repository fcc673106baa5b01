package org.gdxhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Keeps the modules (the packages directly under org.gdxhub, across the catalog, connectors
 * and hub jars) honest: each module's {@code internal} package is private to it, and modules
 * do not depend on each other in cycles.
 */
class ArchitectureTest {

  static JavaClasses classes;
  static Set<String> modules;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("org.gdxhub");
    modules = new TreeSet<>();
    for (JavaClass c : classes) {
      String rest = c.getPackageName().substring("org.gdxhub".length());
      if (rest.startsWith(".")) {
        modules.add(rest.substring(1).split("\\.")[0]);
      }
    }
  }

  @Test
  void seesEveryModule() {
    assertThat(modules).contains("catalog", "common", "connectors", "demo", "exchange", "governance", "ledger", "policy", "security");
    assertThat(modules).contains("archive");
    assertThat(modules).contains("console");
  }

  @Test
  void internalPackagesArePrivateToTheirModule() {
    for (String module : modules) {
      noClasses().that().resideOutsideOfPackage("org.gdxhub." + module + "..")
          .should().dependOnClassesThat().resideInAPackage("org.gdxhub." + module + ".internal..")
          .because("only module " + module + " may use its internal package")
          .check(classes);
    }
  }

  @Test
  void modulesAreFreeOfCycles() {
    slices().matching("org.gdxhub.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void noClassIsNamedImpl() {
    noClasses().should().haveSimpleNameEndingWith("Impl").check(classes);
  }
}
