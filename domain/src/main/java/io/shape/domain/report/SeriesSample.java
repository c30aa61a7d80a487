package io.shape.domain.report;

import java.util.List;

/**
 * The feature series of a run, downsampled: each bucket of {@code rowsPerBucket} consecutive rows keeps its
 * minimum and maximum (so spikes survive), and anomalous rows are kept individually up to a cap.
 *
 * @param keyColumn       the column on the x axis ({@code time}), or {@code row} for the row position
 * @param rowsPerBucket   1 when every row is plotted
 * @param anomalies       anomalous rows in the run
 * @param anomaliesShown  anomalous rows marked in the plot (at most the cap)
 * @param anomalyMeaning  what an anomaly is here (e.g. "prediction = -1"), or empty when nothing is marked
 */
public record SeriesSample(String keyColumn, List<FeatureSeries> features, long rows, long rowsPerBucket,
                           long anomalies, long anomaliesShown, String anomalyMeaning) {
    public SeriesSample {
        features = List.copyOf(features);
    }
}
