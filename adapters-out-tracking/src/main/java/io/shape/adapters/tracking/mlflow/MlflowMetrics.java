package io.shape.adapters.tracking.mlflow;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunMetrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A run's MLflow metrics: rows, columns, a count per predicted label ({@code prediction_count_-1}), the
 * anomaly rate when the labels are outlier-detector labels (±1), duration, throughput and per-phase
 * seconds ({@code phase_seconds.fit.scaler}).
 */
final class MlflowMetrics {
    private static final Set<String> OUTLIER_LABELS = Set.of("-1", "1");

    private MlflowMetrics() {
    }

    static Map<String, Double> of(Run run) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (run.startedAt() != null && run.endedAt() != null) {
            put(metrics, "wall_seconds", (run.endedAt().toEpochMilli() - run.startedAt().toEpochMilli()) / 1000.0);
        }
        RunMetrics m = run.metrics();
        if (m == null) {
            return metrics;
        }
        put(metrics, "rows", (double) m.rows());
        if (m.dataShape().size() == 2) {
            put(metrics, "data_columns", (double) m.dataShape().get(1));
        }
        if (m.transformedShape().size() == 2) {
            put(metrics, "transformed_columns", (double) m.transformedShape().get(1));
        }
        m.predictionCounts().forEach((label, count) -> put(metrics, "prediction_count_" + label, (double) count));
        if (!m.predictionCounts().isEmpty() && OUTLIER_LABELS.containsAll(m.predictionCounts().keySet())
                && m.rows() > 0) {
            long anomalies = m.predictionCounts().getOrDefault("-1", 0L);
            put(metrics, "anomaly_rate", anomalies / (double) m.rows());
        }
        put(metrics, "duration_s", m.durationS());
        put(metrics, "rows_per_s", m.rowsPerS());
        m.phaseSeconds().forEach((phase, seconds) ->
                put(metrics, "phase_seconds." + phase.replace(':', '.'), seconds));
        return metrics;
    }

    /** MLflow stores NaN but rejects infinities; a zero-length run's rate is infinite, so leave it out. */
    private static void put(Map<String, Double> metrics, String key, Double value) {
        if (value != null && !value.isInfinite()) {
            metrics.put(MlflowLimits.key(key), value);
        }
    }
}
