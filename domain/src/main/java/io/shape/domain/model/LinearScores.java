package io.shape.domain.model;

/**
 * {@code X @ coef_.T + intercept_} for a block of rows: per row and output, the products are summed in
 * feature order and the intercept added last (numpy hands the product to BLAS, whose order may differ in
 * the last bits).
 */
final class LinearScores implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Row-major, {@code outputs × features}. */
    private final double[] coef;
    private final double[] intercept;
    final int outputs;
    final int features;

    LinearScores(double[] coef, double[] intercept, int outputs, int features) {
        this.coef = coef;
        this.intercept = intercept;
        this.outputs = outputs;
        this.features = features;
    }

    /** Scratch for a batch: the transposed block. */
    int scratchSize(int rows) {
        return features * RowBlock.rowsFor(rows);
    }

    /**
     * Scores rows {@code [first, first + b)} (already transposed into {@code columns}) for output
     * {@code o} into {@code out[outOffset .. outOffset + b)}.
     */
    void score(double[] columns, int b, int o, double[] out, int outOffset) {
        int end = outOffset + b;
        for (int r = outOffset; r < end; r++) {
            out[r] = 0.0;
        }
        int w = o * features;
        for (int j = 0; j < features; j++) {
            double c = coef[w + j];
            int base = j * b - outOffset;
            for (int r = outOffset; r < end; r++) {
                out[r] = Math.fma(columns[base + r], c, out[r]);
            }
        }
        double i0 = intercept[o];
        for (int r = outOffset; r < end; r++) {
            out[r] += i0;
        }
    }
}
