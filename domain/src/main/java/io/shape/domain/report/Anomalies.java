package io.shape.domain.report;

import io.shape.domain.run.Run;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * What counts as an anomaly in a report: label -1 of an outlier detector (scikit-learn's convention). A
 * classifier's classes are not anomalies, and a regressor has no labels, so their reports mark nothing.
 */
public final class Anomalies {
    /** The label scikit-learn's outlier detectors give outliers. */
    public static final long OUTLIER = -1;

    private static final Set<String> OUTLIER_DETECTORS = Set.of("OneClassSVM", "SGDOneClassSVM",
            "IsolationForest", "LocalOutlierFactor", "EllipticEnvelope");

    private Anomalies() {
    }

    /** Whether the run's model is an outlier detector, whose -1 rows are anomalies. */
    public static boolean marked(Run run) {
        return run.inputs() != null && run.inputs().modelClass() != null
                && OUTLIER_DETECTORS.contains(run.inputs().modelClass());
    }

    /** The share of rows labelled -1, for an outlier detector's successful run. */
    public static OptionalDouble rate(Run run) {
        if (!marked(run) || run.metrics() == null || run.metrics().rows() == 0) {
            return OptionalDouble.empty();
        }
        Long outliers = run.metrics().predictionCounts().getOrDefault(Long.toString(OUTLIER), 0L);
        return OptionalDouble.of((double) outliers / run.metrics().rows());
    }
}
