package io.shape.domain.port;

/**
 * A reusable buffer of predictions handed from a {@link PredictionRows} to a {@link PredictionsSink}: for
 * entry {@code i}, {@code row[i]} is the 0-based input row, {@code label[i]} the index into
 * {@link PredictionRows#labels()} (label models) or {@code value[i]} the prediction (regressors), and
 * {@code decision[i]} the {@code decision_function} value when the rows have one.
 */
public final class PredictionBatch {
    public final int capacity;
    public final long[] row;
    public final int[] label;
    public final double[] value;
    public final double[] decision;

    public PredictionBatch(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.row = new long[capacity];
        this.label = new int[capacity];
        this.value = new double[capacity];
        this.decision = new double[capacity];
    }
}
