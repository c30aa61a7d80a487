package io.shape.domain.model;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which scikit-learn releases' pickles shape reads, in one place: 1.2 to 1.7, whose fitted attributes mean the same
 * for every class shape applies (the cross-version fixtures of {@code reference/versions.py} are scored from each
 * of them), with a warning for a release no fixture was made by. Older and newer releases are refused naming the
 * release and what differs.
 */
public final class SklearnVersion {
    static final String TESTED = "1.6.1";
    /** The releases the fixtures were made by: {@code reference/requirements*.txt}. */
    private static final List<String> FIXTURES = List.of("1.2.2", "1.3.2", "1.4.2", "1.5.2", TESTED, "1.7.2");
    private static final int OLDEST_MINOR = 2;
    private static final int NEWEST_MINOR = 7;
    /** What the releases just outside the range pickle differently (read in their sources). */
    private static final String OLDER = "before 1.2, OneHotEncoder keeps no _drop_idx_after_grouping, SimpleImputer "
            + "has no keep_empty_features and OneHotEncoder no sparse_output";
    private static final String NEWER = "1.8 adds MaxAbsScaler's clip and removes LogisticRegression's multi_class, "
            + "and later releases are unknown to shape";
    /**
     * Parameters an older release pickles that later ones removed, which never changed what the step computes:
     * by class, the parameter and the first release without it.
     */
    private static final Map<String, Map<String, Integer>> RETIRED = Map.of(
            // deprecated in 1.1, removed in 1.3: it only chose whether fit warned about all-missing columns
            "SimpleImputer", Map.of("verbose", 3));

    private SklearnVersion() {
    }

    /**
     * @return the warnings to show for {@code version} (empty for a release the fixtures were made by)
     * @throws ShapeException when the version is outside 1.2–1.7
     */
    static List<String> check(Object version, String estimator, String source) {
        if (version == null) {
            return List.of(source + ": " + estimator + " carries no _sklearn_version; shape assumes "
                    + "scikit-learn " + TESTED + " semantics.");
        }
        requireReadable(version, estimator, source);
        String text = (String) version;
        if (!FIXTURES.contains(text)) {
            return List.of(source + ": " + estimator + " was saved by scikit-learn " + Excerpt.of(text) + "; shape is "
                    + "tested against " + String.join(", ", FIXTURES) + " (its scoring follows them).");
        }
        return List.of();
    }

    /**
     * Refuses an object pickled by a release shape does not read ({@code _sklearn_version} outside 1.2–1.7, or not
     * a version); an object without one is read as the tested release's.
     *
     * @param what the object, for the message ({@code Pipeline}, {@code SVC})
     * @throws ShapeException INVALID_INPUT naming the source, the object, the release and what differs
     */
    public static void requireReadable(Object version, String what, String source) {
        if (version == null) {
            return;
        }
        if (!(version instanceof String text)) {
            throw ShapeException.invalidInput(source + ": " + what + "._sklearn_version is "
                    + FittedAttributes.describe(version) + ", not a version string; save the estimator with "
                    + "scikit-learn " + TESTED + ".");
        }
        // the text comes from the file: messages show an excerpt, never all of it
        String shown = Excerpt.of(text);
        int[] release = parse(text);
        if (release == null) {
            throw ShapeException.invalidInput(source + ": " + what + " was saved by scikit-learn '" + shown
                    + "', not a version shape can read; save it with scikit-learn " + TESTED + ".");
        }
        boolean older = release[0] < 1 || release[0] == 1 && release[1] < OLDEST_MINOR;
        if (older || release[0] > 1 || release[1] > NEWEST_MINOR) {
            throw ShapeException.invalidInput(source + ": " + what + " was saved by scikit-learn " + shown
                    + ", an unsupported version (shape reads 1." + OLDEST_MINOR + " to 1." + NEWEST_MINOR + "; "
                    + (older ? OLDER : NEWER) + "); fit and save it with scikit-learn " + TESTED + ".");
        }
    }

    /**
     * A transformer's parameters without those its release pickled but later ones removed, which never changed
     * what it computes (SimpleImputer's {@code verbose} of 1.2): the rest are checked as a spec's are.
     *
     * @param version the transformer's {@code _sklearn_version} (null: the parameters as they are)
     */
    public static Map<String, Object> withoutRetired(String sklearnClass, Map<String, Object> params, Object version) {
        Map<String, Integer> retired = RETIRED.getOrDefault(sklearnClass, Map.of());
        int[] release = version instanceof String text ? parse(text) : null;
        if (retired.isEmpty() || release == null || release[0] != 1) {
            return params;
        }
        Map<String, Object> kept = new LinkedHashMap<>(params);
        retired.forEach((name, removedIn) -> {
            if (release[1] < removedIn) {
                kept.remove(name);
            }
        });
        return kept;
    }

    /** {major, minor} of a version such as {@code 1.2.2} or {@code 1.4.1.post1}, or null. */
    private static int[] parse(String text) {
        String[] parts = text.split("\\.", 3);
        try {
            return new int[] {Integer.parseInt(parts[0]),
                    parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
