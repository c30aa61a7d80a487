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

    /** Scratch for {@link #decisions}: one transposed block, one kernel row, the dot-product lanes. */
    int singleScratch(int rows) {
        int b = RowBlock.rowsFor(rows);
        return features * b + b + BlasDotOrder.laneScratch(features, b);
    }

    /**
     * {@code out[r] = Σ_i coef[i] K(sv_i, x_r) − rho}, summed over i in support-vector order as libsvm's
     * {@code svm_predict_values} does for one-class and regression models.
     */
    void decisions(double[] x, int rows, double[] coef, double rho, double[] out, double[] scratch) {
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int b = Math.min(RowBlock.SIZE, rows - first);
            int kernelRow = features * b;
            RowBlock.transpose(x, features, first, b, scratch);
            int end = first + b;
            for (int r = first; r < end; r++) {
                out[r] = 0.0;
            }
            for (int i = 0; i < count; i++) {
                kernel.evaluate(scratch, b, features, supportVectors, i, scratch, kernelRow, scratch, kernelRow + b);
                double c = coef[i];
                int k = kernelRow - first;
                for (int r = first; r < end; r++) {
                    out[r] += c * scratch[k + r];
                }
            }
            for (int r = first; r < end; r++) {
                out[r] -= rho;
            }
        }
    }
}
