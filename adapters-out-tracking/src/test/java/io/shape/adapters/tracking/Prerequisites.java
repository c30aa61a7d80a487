package io.shape.adapters.tracking;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds what the integration tests need outside the JVM (an MLflow server binary, the Kafka broker jars).
 * Missing in CI ({@code CI=true}) is a failure; missing on a developer's machine skips the test.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    /** The path named by a system property or an environment variable, else {@code fallback}, if it exists. */
    public static Optional<Path> locate(String property, String env, Path fallback) {
        String named = System.getProperty(property);
        if (named == null || named.isBlank()) {
            named = System.getenv(env);
        }
        Path path = named == null || named.isBlank() ? fallback : Path.of(named);
        return path != null && Files.exists(path) ? Optional.of(path.toAbsolutePath().normalize())
                : Optional.empty();
    }

    /** Fails in CI, skips elsewhere, when {@code found} is empty. */
    public static Path require(Optional<Path> found, String what, String howTo) {
        if (found.isPresent()) {
            return found.get();
        }
        String message = what + " not found: " + howTo;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
        return null;
    }

    /** The repository root, from the module folder Surefire runs in. */
    public static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve(".ci"))) {
                return p;
            }
        }
        return here;
    }
}
