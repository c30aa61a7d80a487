package io.shape.domain.report;

/**
 * One feature's values over the key column, sampled for plotting: {@code keys[i]} and {@code values[i]} are
 * the points of the line, {@code anomalyKeys}/{@code anomalyValues} the anomalous rows to mark.
 */
public record FeatureSeries(String feature, double[] keys, double[] values, double[] anomalyKeys,
                            double[] anomalyValues) {
}
