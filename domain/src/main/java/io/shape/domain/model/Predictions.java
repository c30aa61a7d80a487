package io.shape.domain.model;

/**
 * Reusable output buffers for a batch of scored rows. For {@link PredictionKind#LABEL} models
 * {@link #label} holds indexes into {@link Model#labels()}; for {@link PredictionKind#VALUE} models
 * {@link #value} holds the predictions. {@link #decision} holds {@code decision_function} when the model
 * has one. {@link #classDecision} holds a {@code decision_function} of one value per label, and
 * {@link #probability} {@code predict_proba}, for models that have them, label by label: label {@code k} of
 * row {@code r} at {@code k * capacity + r} ({@link #perLabel(int, int)}).
 * {@link #scratch} is free for the model's own use.
 */
public final class Predictions {
    public final int capacity;
    public final int[] label;
    public final double[] value;
    public final double[] decision;
    public final double[] scratch;
    /** A model's own working arrays, made on first use (see {@code KernelBlock}); not part of the API. */
    Object work;

    public final double[] classDecision;
    public final double[] probability;
    private final int classDecisions;

    public Predictions(int capacity, int scratchSize) {
        this(capacity, scratchSize, 0, 0);
    }

    /**
     * @param classDecisions decision values a row has (its decision matrix's columns, or 0)
     * @param probabilities  probabilities a row has (the model's labels, or 0)
     */
    public Predictions(int capacity, int scratchSize, int classDecisions, int probabilities) {
        this.capacity = capacity;
        this.label = new int[capacity];
        this.value = new double[capacity];
        this.decision = new double[capacity];
        this.scratch = new double[scratchSize];
        this.classDecisions = classDecisions;
        this.classDecision = new double[capacity * classDecisions];
        this.probability = new double[capacity * probabilities];
    }

    /** Buffers for {@code capacity} rows of what {@code model} gives. */
    public static Predictions of(Model model, int capacity) {
        int labels = model.labels().size();
        return new Predictions(capacity, model.scratchSize(capacity), model.decisionColumns().size(),
                model.hasProbabilities() ? labels : 0);
    }

    /** The probability of label {@code k} for row {@code r}. */
    public double probability(int k, int r) {
        return probability[k * capacity + r];
    }

    /**
     * Value {@code j} of row {@code r} of the per-label columns ({@link OutputSchema#labelColumns()}): the
     * decision values of every label, then the probabilities of every label.
     */
    public double perLabel(int j, int r) {
        return j < classDecisions ? classDecision[j * capacity + r] : probability[(j - classDecisions) * capacity + r];
    }
}
