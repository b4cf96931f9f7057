package dev.corral.query;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of corral-query import each other in one direction only: {@code ast} ← the parser
 * ({@code dev.corral.query}) ← {@code plan} ← {@code table} ← {@code agg}, with {@code resolve}
 * and {@code eval} above them. Each package is a slice of its own (the root package too), so a
 * cycle — once {@code agg} ↔ {@code table} and {@code query} ↔ {@code eval} — fails here, naming
 * the classes that close it.
 */
class TestPackageDirections {
  @Test
  void packagesOfTheQueryModuleHaveNoCycles() {
    JavaClasses main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.corral.query");
    slices().matching("dev.corral.(**)").should().beFreeOfCycles().check(main);
  }
}
