package dev.corral.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of corral-pipeline point one way: the contracts and the document ({@code
 * dev.corral.pipeline}) ← {@code definition}, {@code condition}, {@code processors} and the
 * parsers ({@code parse}) ← {@code engine}, which builds and runs them. A processor never knows
 * the engine, so any processor can join the catalog.
 */
class TestPackageDirections {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.corral.pipeline");

  @Test
  void packagesOfThePipelineModuleHaveNoCycles() {
    slices().matching("dev.corral.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void onlyTheEngineKnowsTheEngine() {
    noClasses().that().resideOutsideOfPackage("dev.corral.pipeline.engine..")
        .should().dependOnClassesThat().resideInAPackage("dev.corral.pipeline.engine..")
        .check(MAIN);
  }
}
