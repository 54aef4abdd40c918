package io.dataexport.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the service's modules, checked on their compiled classes: the pipeline (core)
 * runs on interfaces only, so stores, buses and destinations can be swapped and nodes can share
 * them; the web framework stays at the edge; database specifics stay in their dialect packages.
 */
class LayeringTest {
  private static JavaClasses service;

  @BeforeAll
  static void importClasses() {
    service =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dataexport");
    if (service.size() < 100) {
      throw new AssertionError("Too few classes imported to check: " + service.size());
    }
  }

  @Test
  void coreUsesTheStoresOnlyThroughTheirInterfaces() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.dataexport.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.dataexport.store..", "io.dataexport.jdbc..")
            .because(
                "core keeps its state through io.dataexport.api.store and writes through"
                    + " io.dataexport.api.destination, so any implementation can serve it"));
  }

  @Test
  void apiAndCodecDependOnNothingOfTheService() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage("io.dataexport.api..", "io.dataexport.codec..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.dataexport.core..",
                "io.dataexport.store..",
                "io.dataexport.jdbc..",
                "io.dataexport.dataverse..",
                "io.dataexport.server.."));
  }

  @Test
  void onlyTheHttpEdgeUsesTheWebFramework() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackages(
                "io.dataexport.server.api..",
                // the Dataverse emulator is a separate tool that serves its own HTTP
                "io.dataexport.emulator..",
                // the bench and soak harnesses start emulators; they are not the service
                "io.dataexport.bench..",
                "io.dataexport.soak..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.javalin.."));
  }

  @Test
  void databaseSpecificsStayInTheDialectPackages() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.dataexport..")
            .and()
            .resideOutsideOfPackages(
                "io.dataexport.jdbc.dialect..",
                // the config store's own database access (SQLite file settings)
                "io.dataexport.store.config..",
                "io.dataexport.bench..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.postgresql..",
                "org.mariadb..",
                "org.sqlite..",
                "com.microsoft.sqlserver..",
                "com.mysql.."));
  }

  private static void check(ArchRule rule) {
    rule.check(service);
  }
}
