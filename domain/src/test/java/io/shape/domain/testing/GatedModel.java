package io.shape.domain.testing;

import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.model.Predictions;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Scores as the model it wraps, after a gate has seen each batch: the gate fails or stalls the run at the
 * point a test chooses (a poisoned row, a row count, a job still running when cancelled).
 */
public final class GatedModel implements Model {
    private static final long serialVersionUID = 1L;

    /** Sees each batch before it is scored; throws to fail the batch. Serializable: engines ship models. */
    @FunctionalInterface
    public interface Gate extends Serializable {
        void beforeBatch(double[] x, int rows, int width);
    }

    private final Model inner;
    private final Gate gate;

    public GatedModel(Model inner, Gate gate) {
        this.inner = inner;
        this.gate = gate;
    }

    @Override
    public String estimatorClass() {
        return inner.estimatorClass();
    }

    @Override
    public int featureCount() {
        return inner.featureCount();
    }

    @Override
    public PredictionKind predictionKind() {
        return inner.predictionKind();
    }

    @Override
    public List<Object> labels() {
        return inner.labels();
    }

    @Override
    public boolean hasDecisionFunction() {
        return inner.hasDecisionFunction();
    }

    @Override
    public Map<String, Object> describe() {
        return inner.describe();
    }

    @Override
    public int scratchSize(int rows) {
        return inner.scratchSize(rows);
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        gate.beforeBatch(x, rows, inner.featureCount());
        inner.score(x, rows, out);
    }
}
