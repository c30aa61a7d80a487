package io.shape.domain.model;

/**
 * A libsvm kernel with its fitted parameters, evaluated for a block of rows against one support vector
 * in the order libsvm's dense {@code k_function} uses.
 *
 * <p>libsvm (scikit-learn's fork, dense representation) computes {@code <x, sv>} and, for rbf,
 * {@code ||x - sv||²} through BLAS {@code ddot}, whose summation order {@link BlasDotOrder} follows; the
 * rest follows libsvm to the operation: {@code exp(-gamma * sum)},
 * {@code powi(gamma * dot + coef0, degree)} by repeated squaring, {@code tanh(gamma * dot + coef0)}.
 */
public record SvmKernel(Type type, double gamma, double coef0, int degree) implements java.io.Serializable {

    /** The kernels scikit-learn passes to libsvm by name ({@code precomputed} and callables are not). */
    public enum Type {
        LINEAR, POLY, RBF, SIGMOID;

        /** The scikit-learn spelling. */
        public String sklearnName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Writes K(x_r, sv) for the {@code rows} rows of a column-major block into {@code out[outOffset + r]}.
     *
     * @param columns the block transposed: feature j of row r at {@code j * rows + r}
     * @param sv the support vectors, row-major, {@code features} wide
     * @param svIndex which support vector
     * @param lanes scratch of {@link BlasDotOrder#laneScratch} values from {@code laneOffset}
     */
    public void evaluate(double[] columns, int rows, int features, double[] sv, int svIndex, double[] out,
            int outOffset, double[] lanes, int laneOffset) {
        BlasDotOrder.sum(columns, rows, features, sv, svIndex * features, type == Type.RBF, out, outOffset,
                lanes, laneOffset);
        finish(out, outOffset, rows);
    }

    /**
     * {@link #evaluate} for a block held as one array per feature ({@code columns[j][r]}), into
     * {@code out[0, rows)}; {@code lanes} holds 32 arrays of at least {@code rows} values. Same values, faster.
     */
    public void evaluate(double[][] columns, int rows, int features, double[] sv, int svIndex, double[] out,
            double[][] lanes) {
        BlasDotOrder.sum(columns, rows, features, sv, svIndex * features, type == Type.RBF, out, lanes);
        finish(out, 0, rows);
    }

    /** The kernel function of the summed products or squared distances, in place. */
    private void finish(double[] out, int outOffset, int rows) {
        int end = outOffset + rows;
        switch (type) {
            case RBF -> {
                double minusGamma = -gamma;
                for (int r = outOffset; r < end; r++) {
                    out[r] = Math.exp(minusGamma * out[r]);
                }
            }
            case LINEAR -> { }
            case POLY -> {
                for (int r = outOffset; r < end; r++) {
                    out[r] = powi(gamma * out[r] + coef0, degree);
                }
            }
            case SIGMOID -> {
                for (int r = outOffset; r < end; r++) {
                    out[r] = Math.tanh(gamma * out[r] + coef0);
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** libsvm's integer power by repeated squaring: its rounding differs from {@link Math#pow}. */
    static double powi(double base, int times) {
        double tmp = base;
        double ret = 1.0;
        for (int t = times; t > 0; t /= 2) {
            if (t % 2 == 1) {
                ret *= tmp;
            }
            tmp = tmp * tmp;
        }
        return ret;
    }
}
