package io.shape.domain.model;

/**
 * Reusable output buffers for a batch of scored rows. For {@link PredictionKind#LABEL} models
 * {@link #label} holds indexes into {@link Model#labels()}; for {@link PredictionKind#VALUE} models
 * {@link #value} holds the predictions. {@link #decision} holds {@code decision_function} when the model
 * has one. {@link #scratch} is free for the model's own use.
 */
public final class Predictions {
    public final int capacity;
    public final int[] label;
    public final double[] value;
    public final double[] decision;
    public final double[] scratch;
    /** A model's own working arrays, made on first use (see {@code KernelBlock}); not part of the API. */
    Object work;

    public Predictions(int capacity, int scratchSize) {
        this.capacity = capacity;
        this.label = new int[capacity];
        this.value = new double[capacity];
        this.decision = new double[capacity];
        this.scratch = new double[scratchSize];
    }
}
