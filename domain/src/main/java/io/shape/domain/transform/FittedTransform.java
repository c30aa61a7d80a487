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

    /**
     * Whether {@link #applyColumns} is implemented: steps whose every output column is a plain function of
     * input columns, which engines then run on column-major tiles (see {@link BatchScorer}).
     */
    default boolean hasColumnForm() {
        return false;
    }

    /**
     * The transform on column-major values: {@code in[j][r]} to {@code out[c][r]} for {@code r < rows}, the
     * same values to the bit as {@link #apply} on the rows. Only when {@link #hasColumnForm()}.
     */
    default void applyColumns(double[][] in, double[][] out, int rows) {
        throw new UnsupportedOperationException(state().sklearnClass() + " has no column form");
    }

    /**
     * How the transform reads its input columns: as numbers, unless it encodes categories (an encoder, a
     * {@code ColumnTransformer}), which may read text columns or leave columns unread.
     */
    default io.shape.domain.data.ColumnPlan inputs() {
        return io.shape.domain.data.ColumnPlan.numbers(inputWidth());
    }

    /**
     * Which output columns may hold NaN when the input columns {@code in} may: by default any NaN in may reach
     * every column out; a transform that replaces NaN (an imputer, an encoder) or keeps columns apart (a
     * {@code ColumnTransformer}) says so, so that NaN is refused only where it would reach the estimator.
     */
    default boolean[] missingAfter(boolean[] in) {
        boolean[] out = new boolean[outputWidth()];
        java.util.Arrays.fill(out, anyOf(in));
        return out;
    }

    /** Whether any of {@code columns} is set (any input column may hold NaN). */
    static boolean anyOf(boolean[] columns) {
        for (boolean b : columns) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** The fitted attributes, in scikit-learn's names, for saving and for reports. */
    FittedState state();

    /**
     * The fitted attributes as a report shows them, read-only: {@link #state()}'s, and what a saved state leaves
     * out because the pickle stays authoritative (an encoder's {@code categories_} of text columns). Values are
     * {@link FittedState}'s types, or a {@code List<List<String>>}: per input column its labels, as scikit-learn
     * prints them ({@code 'red'}, {@code None}, {@code nan}, {@code 3.0}); nothing is restored from them.
     */
    default java.util.Map<String, Object> shownAttributes() {
        return state().attributes();
    }
}
