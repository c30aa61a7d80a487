package io.shape.domain.transform;

/**
 * An immutable fitted step that maps a row of {@link #inputWidth()} values to a row of
 * {@link #outputWidth()} values, exactly as the scikit-learn transformer's {@code transform}. Thread-safe
 * and allocation-free on the hot path.
 */
public interface FittedTransform extends java.io.Serializable {
    int inputWidth();

    int outputWidth();

    /** Transforms {@code in[inOffset, inOffset+inputWidth)} into {@code out[outOffset, outOffset+outputWidth)}. */
    void apply(double[] in, int inOffset, double[] out, int outOffset);

    /** Transforms {@code rows} row-major rows of {@code in} into {@code out}. */
    default void applyBatch(double[] in, double[] out, int rows) {
        int wi = inputWidth();
        int wo = outputWidth();
        for (int r = 0; r < rows; r++) {
            apply(in, r * wi, out, r * wo);
        }
    }

    /** The fitted attributes, in scikit-learn's names, for saving and for reports. */
    FittedState state();
}
