package io.shape.domain.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a successful run measured. {@code predictionCounts} is keyed by the label as text, in label order.
 *
 * @param phaseSeconds wall time per phase ({@code fit:<step>}, {@code score}, {@code write}, ...)
 */
public record RunMetrics(long rows, List<Long> dataShape, List<Long> transformedShape,
                         List<String> uniquePredictions, Map<String, Long> predictionCounts,
                         double durationS, double rowsPerS, Map<String, Double> phaseSeconds) {
    public RunMetrics {
        dataShape = List.copyOf(dataShape);
        transformedShape = List.copyOf(transformedShape);
        uniquePredictions = List.copyOf(uniquePredictions);
        predictionCounts = Collections.unmodifiableMap(new LinkedHashMap<>(predictionCounts));
        phaseSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
    }
}
