package dev.corral.dist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The directions Corral's code may depend in, checked on the compiled main classes of every module
 * (this module sees them all). Maven already keeps the modules in order (model ← query ← store,
 * wal, then server, then the CLI); these rules keep the packages inside the modules in order, so
 * that a new input, WAL consumer or service plugs in without reaching across:
 *
 * <ul>
 *   <li>no package imports another that imports it back, directly or around a loop;
 *   <li>inputs decode their protocol and write to the ingest sink: never to the WAL or the store,
 *       never into search, tail or the server's wiring;
 *   <li>{@code ingest} knows no protocol: neither HTTP nor any input;
 *   <li>{@code http} is infrastructure (routes, requests, responses, the Jetty adapter and the one
 *       refusal→status mapping); the services it serves depend on it, never the reverse;
 *   <li>the server reaches the store through its API, never its internals ({@code exec}, {@code index},
 *       {@code codec});
 *   <li>nothing but the CLI depends on the composition root ({@code dev.corral.server} itself);
 *   <li>only {@code http} touches Jetty;
 *   <li>the shipper ({@code dev.corral.ship}) talks to the server over HTTP only: it uses no other Corral code but the
 *       multiline presets it shares with the pipelines ({@code dev.corral.multiline}).
 * </ul>
 */
class ArchitectureTest {
  private static final JavaClasses CORRAL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("-tests.jar")) // corral-server's test classes, packaged
      .importPackages("dev.corral");

  @Test
  void theRulesSeeEveryModule() {
    for (String module : new String[] {"model", "query", "wal", "store", "multiline", "pipeline", "server", "ship", "dist"}) {
      assertThat(CORRAL.stream().anyMatch(type -> type.getPackageName().startsWith("dev.corral." + module)))
          .as("classes of corral-%s imported", module).isTrue();
    }
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.corral.(**)").should().beFreeOfCycles().check(CORRAL);
  }

  @Test
  void inputsWriteOnlyToTheIngestSink() {
    noClasses().that().resideInAPackage("dev.corral.server.inputs..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.corral.wal..", "dev.corral.store..",
            "dev.corral.server", "dev.corral.server.search..", "dev.corral.server.tail..",
            "dev.corral.server.dashboards..")
        .check(CORRAL);
  }

  @Test
  void ingestKnowsNoProtocol() {
    noClasses().that().resideInAPackage("dev.corral.server.ingest..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.corral.server.http..", "dev.corral.server.inputs..",
            "org.eclipse.jetty..", "io.grpc..")
        .check(CORRAL);
  }

  @Test
  void httpIsInfrastructureTheServicesUse() {
    noClasses().that().resideInAPackage("dev.corral.server.http..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.corral.server", "dev.corral.server.inputs..",
            "dev.corral.server.search..", "dev.corral.server.tail..", "dev.corral.server.dashboards..",
            "dev.corral.server.service..", "dev.corral.store..", "dev.corral.wal..")
        .check(CORRAL);
  }

  @Test
  void theServerUsesTheStoreThroughItsApi() {
    noClasses().that().resideInAPackage("dev.corral.server..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.corral.store.exec..", "dev.corral.store.index..",
            "dev.corral.store.codec..")
        .check(CORRAL);
  }

  @Test
  void onlyTheCliDependsOnTheCompositionRoot() {
    noClasses().that().resideOutsideOfPackages("dev.corral.server", "dev.corral.dist..", "dev.corral.bench..",
            "dev.corral.demo..")
        .should().dependOnClassesThat().resideInAPackage("dev.corral.server")
        .check(CORRAL);
  }

  @Test
  void onlyHttpTouchesJetty() {
    noClasses().that().resideOutsideOfPackage("dev.corral.server.http..")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
        .check(CORRAL);
  }

  @Test
  void theShipperUsesNoServerCode() {
    noClasses().that().resideInAPackage("dev.corral.ship..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.corral.model..", "dev.corral.query..",
            "dev.corral.wal..", "dev.corral.store..", "dev.corral.pipeline..", "dev.corral.server..",
            "dev.corral.dist..", "dev.corral.bench..", "dev.corral.demo..", "org.eclipse.jetty..")
        .check(CORRAL);
  }
}
