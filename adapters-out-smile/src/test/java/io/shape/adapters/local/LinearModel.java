package io.shape.adapters.local;

import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.model.Predictions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test double of a fitted model: decision = w·x + b; label index 1 when decision &gt; 0 else 0 (like
 * libsvm's outlier detector), or the decision itself as a regression value. Can be told to fail once it
 * has scored a given number of rows.
 */
final class LinearModel implements Model {
    private static final long serialVersionUID = 1L;

    private final double[] weights;
    private final double bias;
    private final List<Object> labels;
    private final PredictionKind kind;
    private final long failAfterRows;
    private final AtomicLong scored = new AtomicLong();

    private LinearModel(double[] weights, double bias, List<Object> labels, PredictionKind kind, long failAfterRows) {
        this.weights = weights;
        this.bias = bias;
        this.labels = labels;
        this.kind = kind;
        this.failAfterRows = failAfterRows;
    }

    static LinearModel detector(double[] weights, double bias) {
        return new LinearModel(weights, bias, List.of(-1L, 1L), PredictionKind.LABEL, Long.MAX_VALUE);
    }

    static LinearModel classifier(double[] weights, double bias, Object negative, Object positive) {
        return new LinearModel(weights, bias, List.of(negative, positive), PredictionKind.LABEL, Long.MAX_VALUE);
    }

    static LinearModel regressor(double[] weights, double bias) {
        return new LinearModel(weights, bias, List.of(), PredictionKind.VALUE, Long.MAX_VALUE);
    }

    LinearModel failingAfter(long rows) {
        return new LinearModel(weights, bias, labels, kind, rows);
    }

    double decision(double[] x, int offset) {
        double d = bias;
        for (int i = 0; i < weights.length; i++) {
            d += weights[i] * x[offset + i];
        }
        return d;
    }

    @Override
    public String estimatorClass() {
        return "LinearTestModel";
    }

    @Override
    public int featureCount() {
        return weights.length;
    }

    @Override
    public PredictionKind predictionKind() {
        return kind;
    }

    @Override
    public List<Object> labels() {
        return labels;
    }

    @Override
    public boolean hasDecisionFunction() {
        return kind == PredictionKind.LABEL;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("bias", bias);
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        if (scored.addAndGet(rows) > failAfterRows) {
            throw new IllegalStateException("test model told to fail after " + failAfterRows + " rows");
        }
        for (int r = 0; r < rows; r++) {
            double d = decision(x, r * weights.length);
            out.decision[r] = d;
            out.value[r] = d;
            out.label[r] = d > 0 ? 1 : 0;
        }
    }
}
