package org.helperscripts.telemetry.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's dependency rule as a test: domain and ports use nothing but the JDK (and what is
 * further in), adapters never use each other, and only launchers know the adapters.
 */
class DependencyRuleTest {

    private static final String BASE = "org.helperscripts.telemetry";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the test-jars on this classpath (store contract, PocketBase test server) are test code too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(BASE);
    }

    @Test
    void domainUsesOnlyTheJdk() {
        classes().that().resideInAPackage(BASE + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", BASE + ".domain..")
                .check(production);
    }

    @Test
    void portsUseOnlyTheJdkAndTheDomain() {
        classes().that().resideInAPackage(BASE + ".ports..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", BASE + ".domain..", BASE + ".ports..")
                .check(production);
    }

    @Test
    void adaptersNeverUseEachOther() {
        slices().matching(BASE + ".(sqlite|pocketbase|redis|smtp|http)..")
                .should().notDependOnEachOther()
                .check(production);
    }

    @Test
    void onlyLaunchersKnowTheAdapters() {
        noClasses().that().resideInAnyPackage(BASE + ".domain..", BASE + ".ports..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".sqlite..", BASE + ".pocketbase..", BASE + ".redis..",
                        BASE + ".smtp..", BASE + ".http..", BASE + ".server..", BASE + ".migrate..")
                .check(production);
        noClasses().that().resideInAnyPackage(BASE + ".sqlite..", BASE + ".pocketbase..", BASE + ".redis..",
                        BASE + ".smtp..", BASE + ".http..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".server..", BASE + ".migrate..")
                .check(production);
    }

    @Test
    void everyRoomIsImportedSoTheRulesAreNotVacuous() {
        for (String room : new String[] {"domain", "ports", "sqlite", "pocketbase", "http", "server"}) {
            String roomPackage = BASE + "." + room;
            assertTrue(production.stream().anyMatch(c -> c.getPackageName().startsWith(roomPackage)),
                    "no classes imported from " + roomPackage);
        }
    }
}
