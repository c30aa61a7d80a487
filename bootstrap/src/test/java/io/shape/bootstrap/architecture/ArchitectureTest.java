package io.shape.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module graph is the architecture: these rules fail the build when a dependency points the wrong way. */
class ArchitectureTest {
    /**
     * Other modules' test fixtures (TestPostgres, KafkaBroker, ...) reach this classpath as their test jars,
     * which ArchUnit's own option (test-classes folders) does not recognise: they are tests all the same.
     */
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    private static JavaClasses shape;

    @BeforeAll
    static void importProductionClasses() {
        shape = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption((Location location) -> !location.matches(TEST_JAR))
                .importPackages("io.shape");
    }

    @Test
    void noTestFixtureCountsAsProductionCode() {
        for (String fixture : new String[] {"io.shape.adapters.persistence.postgres.TestPostgres",
                "io.shape.adapters.tracking.kafka.KafkaBroker", "io.shape.adapters.tracking.mlflow.MlflowServer"}) {
            assertFalse(shape.contain(fixture), fixture + " was imported as production code");
        }
    }

    @Test
    void everyLayerIsPresent() {
        for (String layer : new String[] {"domain", "application", "adapters.cli", "adapters.persistence",
                "bootstrap"}) {
            assertTrue(shape.stream().anyMatch(c -> c.getPackageName().startsWith("io.shape." + layer)),
                    "no production class found in io.shape." + layer);
        }
    }

    @Test
    void domainIsPureJava() {
        ArchitectureRules.domainIsPureJava("io.shape").check(shape);
    }

    @Test
    void applicationSeesOnlyTheDomain() {
        ArchitectureRules.applicationSeesOnlyTheDomain("io.shape").check(shape);
    }

    @Test
    void innerLayersUseNoFramework() {
        ArchitectureRules.innerLayersUseNoFramework("io.shape").check(shape);
    }

    @Test
    void adaptersAreIndependent() {
        ArchitectureRules.adaptersAreIndependent("io.shape").check(shape);
    }

    @Test
    void onlyBootstrapWires() {
        ArchitectureRules.onlyBootstrapWires("io.shape").check(shape);
    }

    @Test
    void domainDoesNotKnowAdapters() {
        ArchitectureRules.domainDoesNotKnowAdapters("io.shape").check(shape);
    }

    /** A domain class importing Jackson (test fixture io.shape.archfixture.bad) breaks the purity rules. */
    @Test
    void aDomainClassUsingJacksonFailsTheRules() {
        JavaClasses bad = new ClassFileImporter().importPackages("io.shape.archfixture.bad");
        assertFalse(bad.isEmpty());
        AssertionError pure = assertThrows(AssertionError.class,
                () -> ArchitectureRules.domainIsPureJava("io.shape.archfixture.bad").check(bad));
        assertTrue(pure.getMessage().contains("com.fasterxml.jackson"), pure.getMessage());
        assertThrows(AssertionError.class,
                () -> ArchitectureRules.innerLayersUseNoFramework("io.shape.archfixture.bad").check(bad));
    }

    /** An adapter using another adapter's class breaks the independence rule. */
    @Test
    void anAdapterUsingAnotherAdapterFailsTheRule() {
        JavaClasses bad = new ClassFileImporter().importPackages("io.shape.archfixture.bad");
        AssertionError e = assertThrows(AssertionError.class,
                () -> ArchitectureRules.adaptersAreIndependent("io.shape.archfixture.bad").check(bad));
        assertTrue(e.getMessage().contains("one"), e.getMessage());
    }

    /** A rule over a misspelled root matches nothing and must fail rather than pass silently. */
    @Test
    void aRuleOverAMisspelledPackageFails() {
        assertThrows(AssertionError.class, () -> ArchitectureRules.domainIsPureJava("io.shpae").check(shape));
        assertThrows(AssertionError.class, () -> ArchitectureRules.adaptersAreIndependent("io.shpae").check(shape));
        assertThrows(AssertionError.class, () -> ArchitectureRules.onlyBootstrapWires("io.shpae").check(shape));
    }
}
