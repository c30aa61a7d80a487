package io.shape.domain.report;

import io.shape.domain.run.Run;

import java.util.List;

/**
 * This run against the previous successful run of the same spec and model: how the anomaly rate moved and
 * how far the fitted statistics drifted (data drift shows up here before it shows up in labels).
 *
 * @param shifts every compared statistic, largest relative shift first
 */
public record RunComparison(Run previous, double previousAnomalyRate, double anomalyRate,
                            List<StatisticShift> shifts) {
    public RunComparison {
        shifts = List.copyOf(shifts);
    }
}
