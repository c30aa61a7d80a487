package io.shape.application.service;

import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.port.ScoringResult;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.transform.Pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an engine's result into the run's metrics ({@code metrics.json}). */
final class RunMetricsFactory {
    private RunMetricsFactory() {
    }

    static RunMetrics of(ScoringResult result, Model model, Pipeline pipeline, double seconds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> unique = new ArrayList<>();
        if (model.predictionKind() == PredictionKind.LABEL) {
            List<Object> labels = model.labels();
            for (int i = 0; i < labels.size(); i++) {
                long n = i < result.labelCounts().length ? result.labelCounts()[i] : 0;
                if (n > 0) {
                    String label = String.valueOf(labels.get(i));
                    counts.put(label, n);
                    unique.add(label);
                }
            }
        }
        long rows = result.rows();
        return new RunMetrics(rows, List.of(rows, (long) pipeline.features().size()),
                List.of(rows, (long) result.fitted().outputWidth()), unique, counts, seconds,
                seconds > 0 ? rows / seconds : 0, result.phaseSeconds());
    }
}
