package dev.corral.store;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of corral-store import each other in one direction only: the {@code LogStore}
 * facade ({@code dev.corral.store}) calls {@code exec}, which uses {@code query}, {@code index}
 * and the shared request/result values of {@code search}; nothing below imports the facade. Each
 * package is a slice of its own, so a cycle — once {@code store} ↔ {@code store.exec} — fails
 * here, naming the classes that close it.
 */
class TestPackageDirections {
  @Test
  void packagesOfTheStoreModuleHaveNoCycles() {
    JavaClasses main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.corral.store");
    slices().matching("dev.corral.(**)").should().beFreeOfCycles().check(main);
  }
}
