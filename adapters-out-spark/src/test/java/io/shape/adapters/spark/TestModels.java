package io.shape.adapters.spark;

import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.model.Predictions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test doubles of the domain's models. */
final class TestModels {
    /** Set by {@link Slow} when it starts scoring (local mode: same JVM as the test). */
    static final AtomicBoolean SLOW_MODEL_STARTED = new AtomicBoolean();

    private TestModels() {
    }

    /**
     * decision = b + w·x; label index 1 when decision > 0 else 0 (like an outlier detector's −1/+1), or
     * the decision itself for a regressor. Uses scratch so that engines must size it.
     */
    record Linear(double[] w, double b, PredictionKind kind, List<Object> labels) implements Model {
        static Linear outlierDetector(double[] w, double b) {
            return new Linear(w, b, PredictionKind.LABEL, List.of(-1L, 1L));
        }

        @Override
        public String estimatorClass() {
            return "TestLinear";
        }

        @Override
        public int featureCount() {
            return w.length;
        }

        @Override
        public PredictionKind predictionKind() {
            return kind;
        }

        @Override
        public boolean hasDecisionFunction() {
            return true;
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
                double d = b;
                for (int i = 0; i < w.length; i++) {
                    d += w[i] * x[r * w.length + i];
                }
                out.scratch[r] = d;
            }
            for (int r = 0; r < rows; r++) {
                out.decision[r] = out.scratch[r];
                if (kind == PredictionKind.LABEL) {
                    out.label[r] = out.scratch[r] > 0 ? 1 : 0;
                } else {
                    out.value[r] = out.scratch[r];
                }
            }
        }
    }

    /** Fails on any row whose first value is {@code poison}: a task failing in the middle of the write. */
    record Poisoned(Linear inner, double poison) implements Model {
        @Override
        public String estimatorClass() {
            return "TestPoisoned";
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
            return true;
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
                if (x[r * featureCount()] == poison) {
                    throw new IllegalStateException("poisoned row reached the model");
                }
            }
            inner.score(x, rows, out);
        }
    }

    /** Blocks each batch for a long time, interruptibly: a job that is still running when cancelled. */
    record Slow(Linear inner) implements Model {
        @Override
        public String estimatorClass() {
            return "TestSlow";
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
            return true;
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
            SLOW_MODEL_STARTED.set(true);
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            inner.score(x, rows, out);
        }
    }
}
