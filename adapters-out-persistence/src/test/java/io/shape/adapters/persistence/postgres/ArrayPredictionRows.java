package io.shape.adapters.persistence.postgres;

import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionRows;

import java.util.List;

/** Predictions held in arrays, handed out at most {@code chunk} rows per batch (to exercise many batches). */
class ArrayPredictionRows implements PredictionRows {
    private final List<String> labels;
    private final long[] rows;
    private final int[] label;
    private final double[] decision;
    private final int chunk;
    private int next;

    ArrayPredictionRows(List<String> labels, long[] rows, int[] label, double[] decision, int chunk) {
        this.labels = labels;
        this.rows = rows;
        this.label = label;
        this.decision = decision;
        this.chunk = chunk;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public boolean hasDecision() {
        return decision != null;
    }

    @Override
    public int next(PredictionBatch batch) {
        int n = Math.min(Math.min(chunk, batch.capacity), rows.length - next);
        for (int i = 0; i < n; i++) {
            batch.row[i] = rows[next + i];
            batch.label[i] = label[next + i];
            if (decision != null) {
                batch.decision[i] = decision[next + i];
            }
        }
        next += n;
        beforeBatch(next);
        return n;
    }

    /** Called after each batch is filled with the count of rows handed out so far; tests override it. */
    void beforeBatch(int handedOut) {
    }
}
