package io.shape.domain.port;

import io.shape.domain.transform.FittedPipeline;

import java.util.List;
import java.util.Map;

/**
 * What an engine reports after writing the predictions.
 *
 * @param labelCounts  rows per label, indexed like {@code Model.labels()} (empty for regressors)
 * @param partFiles    the part files written, in row order
 * @param phaseSeconds wall time per phase ({@code fit:<step>}, {@code score}, ...)
 */
public record ScoringResult(FittedPipeline fitted, long rows, long[] labelCounts, List<String> partFiles,
                            Map<String, Double> phaseSeconds) {
    public ScoringResult {
        labelCounts = labelCounts.clone();
        partFiles = List.copyOf(partFiles);
        phaseSeconds = Map.copyOf(phaseSeconds);
    }
}
