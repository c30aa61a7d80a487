package io.shape.domain.testing;

import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.model.Predictions;

import java.util.List;
import java.util.Map;

/**
 * A model double given by one decision value per row: label index 1 when it is &gt; 0, else 0 (like an
 * outlier detector's −1/+1), or the value itself for a regressor. Subclasses say only how a row is decided.
 * The decisions go through scratch first, so that an engine which does not size it fails.
 */
public abstract class DecisionModel implements Model {
    private static final long serialVersionUID = 1L;

    private final String estimatorClass;
    private final int featureCount;
    private final PredictionKind kind;
    private final List<Object> labels;

    protected DecisionModel(String estimatorClass, int featureCount, PredictionKind kind, List<Object> labels) {
        this.estimatorClass = estimatorClass;
        this.featureCount = featureCount;
        this.kind = kind;
        this.labels = List.copyOf(labels);
    }

    /** The decision for the row of {@code x} that starts at {@code offset}. */
    public abstract double decision(double[] x, int offset);

    @Override
    public String estimatorClass() {
        return estimatorClass;
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    @Override
    public PredictionKind predictionKind() {
        return kind;
    }

    @Override
    public List<Object> labels() {
        return labels;
    }

    /** As in scikit-learn, a regressor has no {@code decision_function}. */
    @Override
    public boolean hasDecisionFunction() {
        return kind == PredictionKind.LABEL;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of();
    }

    @Override
    public int scratchSize(int rows) {
        return rows;
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        for (int r = 0; r < rows; r++) {
            out.scratch[r] = decision(x, r * featureCount);
        }
        for (int r = 0; r < rows; r++) {
            double d = out.scratch[r];
            if (kind == PredictionKind.LABEL) {
                out.decision[r] = d;
                out.label[r] = d > 0 ? 1 : 0;
            } else {
                out.value[r] = d;
            }
        }
    }
}
