package io.shape.domain.model;

/**
 * The support vectors of a libsvm model with their kernel: evaluates the kernel of every support vector
 * against a block of rows, and the single decision value {@code Σ coef_i K(sv_i, x) − rho} that
 * one-class and regression models use.
 */
final class KernelExpansion implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final SvmKernel kernel;
    /** Row-major, {@code count × features}. */
    final double[] supportVectors;
    final int count;
    final int features;

    KernelExpansion(SvmKernel kernel, double[] supportVectors, int count, int features) {
        this.kernel = kernel;
        this.supportVectors = supportVectors;
        this.count = count;
        this.features = features;
    }

    /** Scratch for {@link #decisions}: none, its arrays live in the predictions' {@link KernelBlock}. */
    int singleScratch(int rows) {
        return 0;
    }

    /**
     * {@code out[r] = Σ_i coef[i] K(sv_i, x_r) − rho}, summed over i in support-vector order as libsvm's
     * {@code svm_predict_values} does for one-class and regression models.
     */
    void decisions(double[] x, int rows, double[] coef, double rho, double[] out, Predictions work) {
        KernelBlock block = KernelBlock.of(work, features, RowBlock.rowsFor(rows));
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int b = Math.min(RowBlock.SIZE, rows - first);
            blockDecisions(block, block.transpose(x, first, b), b, coef, rho, out, first);
        }
    }

    /** {@link #decisions} for at most {@link RowBlock#SIZE} rows given column-major, into {@code out[offset..]}. */
    void decisionsOfColumns(double[][] columns, int rows, double[] coef, double rho, double[] out, int offset,
                            Predictions work) {
        if (rows > RowBlock.SIZE || columns.length < features) {
            throw new IllegalArgumentException(rows + " rows of " + columns.length + " columns, at most "
                    + RowBlock.SIZE + " rows of " + features + " columns");
        }
        blockDecisions(KernelBlock.of(work, features, RowBlock.SIZE), columns, rows, coef, rho, out, offset);
    }

    private void blockDecisions(KernelBlock block, double[][] columns, int b, double[] coef, double rho,
                                double[] out, int offset) {
        double[] k = block.kernel;
        double[] sum = block.sums;
        java.util.Arrays.fill(sum, 0, b, 0.0);
        for (int i = 0; i < count; i++) {
            kernel.evaluate(columns, b, features, supportVectors, i, k, block.lanes);
            double c = coef[i];
            for (int r = 0; r < b; r++) {
                sum[r] += c * k[r];
            }
        }
        for (int r = 0; r < b; r++) {
            out[offset + r] = sum[r] - rho;
        }
    }
}
