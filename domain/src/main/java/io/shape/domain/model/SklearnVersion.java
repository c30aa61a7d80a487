package io.shape.domain.model;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;

import java.util.List;

/**
 * Which scikit-learn versions' pickles shape reads: 1.0 to 1.7 (the fitted attributes it needs have the
 * same names and meaning there), with a warning for versions its fixtures were not generated with.
 */
final class SklearnVersion {
    static final String TESTED = "1.6.1";
    private static final int OLDEST_MINOR = 0;
    private static final int NEWEST_MINOR = 7;

    private SklearnVersion() {
    }

    /**
     * @return the warnings to show for {@code version} (empty for the tested version)
     * @throws ShapeException when the version is outside 1.0–1.7
     */
    static List<String> check(Object version, String estimator, String source) {
        if (version == null) {
            return List.of(source + ": " + estimator + " carries no _sklearn_version; shape assumes "
                    + "scikit-learn " + TESTED + " semantics.");
        }
        if (!(version instanceof String text)) {
            throw ShapeException.invalidInput(source + ": " + estimator + "._sklearn_version is "
                    + FittedAttributes.describe(version) + ", not a version string; save the estimator with "
                    + "scikit-learn " + TESTED + ".");
        }
        // the text comes from the file: messages show an excerpt, never all of it
        String shown = Excerpt.of(text);
        String[] parts = text.split("\\.", 3);
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
        } catch (NumberFormatException e) {
            throw ShapeException.invalidInput(source + ": " + estimator + " was saved by scikit-learn '" + shown
                    + "', not a version shape can read; save it with scikit-learn " + TESTED + ".");
        }
        if (major != 1 || minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            throw ShapeException.invalidInput(source + ": " + estimator + " was saved by scikit-learn " + shown
                    + ", an unsupported version (shape reads 1." + OLDEST_MINOR + " to 1." + NEWEST_MINOR
                    + "); fit and save it with scikit-learn " + TESTED + ".");
        }
        if (!text.equals(TESTED)) {
            return List.of(source + ": " + estimator + " was saved by scikit-learn " + shown + "; shape is "
                    + "tested against " + TESTED + " (its scoring follows " + TESTED + ").");
        }
        return List.of();
    }
}
