package io.shape.bootstrap.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of the hexagon, as functions of the root package so that a test can show each rule
 * failing on a deliberately bad fixture. Every rule fails when it matches no class: a rule over a
 * misspelled package must not pass silently.
 */
final class ArchitectureRules {
    /** Frameworks and infrastructure APIs the inner layers must never see. */
    static final String[] FRAMEWORKS = {
            "com.google.inject..", "org.apache.spark..", "scala..", "smile..", "com.fasterxml.jackson..",
            "org.jdbi..", "org.postgresql..", "org.flywaydb..", "org.apache.kafka..", "org.mlflow..",
            "io.grpc..", "com.google.protobuf..", "picocli..", "java.sql..", "javax.sql..",
            "net.razorvine..", "org.apache.parquet..", "org.apache.hadoop.."};

    private ArchitectureRules() {
    }

    /** The domain is plain Java: the JDK and itself, nothing else (not even the application). */
    static ArchRule domainIsPureJava(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..")
                .allowEmptyShould(false)
                .because("the domain holds the scikit-learn semantics and the ports, and must run anywhere");
    }

    /** The application orchestrates ports: the JDK, the domain and itself. */
    static ArchRule applicationSeesOnlyTheDomain(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".application..", root + ".domain..", "java..")
                .allowEmptyShould(false)
                .because("use cases talk to the outside only through the domain's ports");
    }

    /** No framework or infrastructure API in the domain or the application. */
    static ArchRule innerLayersUseNoFramework(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .allowEmptyShould(false)
                .because("frameworks belong in adapters and the composition root");
    }

    /** An adapter never uses another adapter; they meet only through the ports. */
    static ArchRule adaptersAreIndependent(String root) {
        return slices().matching(root + ".adapters.(*)..")
                .should().notDependOnEachOther()
                .allowEmptyShould(false)
                .because("each adapter implements ports; only bootstrap combines them");
    }

    /** Nothing but the composition root depends on it or on Guice. */
    static ArchRule onlyBootstrapWires(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".bootstrap..")
                .and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".bootstrap..", "com.google.inject..")
                .allowEmptyShould(false)
                .because("bootstrap is the only place that wires");
    }

    /** The adapters do not reach into the composition root either way and stay out of the domain. */
    static ArchRule domainDoesNotKnowAdapters(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapters..")
                .allowEmptyShould(false)
                .because("dependencies point inwards");
    }
}
