package io.shape.domain.testing;

import io.shape.domain.model.PredictionKind;

import java.util.List;

/** decision = w·x + b: exact and cheap, so a test can compute every expected prediction itself. */
public final class WeightedSumModel extends DecisionModel {
    private static final long serialVersionUID = 1L;

    private final double[] weights;
    private final double bias;

    private WeightedSumModel(double[] weights, double bias, PredictionKind kind, List<Object> labels) {
        super("WeightedSumModel", weights.length, kind, labels);
        this.weights = weights.clone();
        this.bias = bias;
    }

    /** Labels −1 and +1, like libsvm's outlier detector. */
    public static WeightedSumModel detector(double[] weights, double bias) {
        return classifier(weights, bias, List.of(-1L, 1L));
    }

    /** {@code labels.get(1)} when the sum is positive, else {@code labels.get(0)}. */
    public static WeightedSumModel classifier(double[] weights, double bias, List<Object> labels) {
        return new WeightedSumModel(weights, bias, PredictionKind.LABEL, labels);
    }

    /** The sum itself is the prediction. */
    public static WeightedSumModel regressor(double[] weights, double bias) {
        return new WeightedSumModel(weights, bias, PredictionKind.VALUE, List.of());
    }

    @Override
    public double decision(double[] x, int offset) {
        double d = bias;
        for (int i = 0; i < weights.length; i++) {
            d += weights[i] * x[offset + i];
        }
        return d;
    }
}
