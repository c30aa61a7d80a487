package io.shape.domain.model;

/**
 * The working arrays of a kernel expansion for one {@link Predictions}: a block of rows transposed into one
 * array per feature, the dot-product lanes, one kernel row and the running sums. Separate arrays (not offsets
 * into one) are what lets the JIT vectorize the per-row loops. Made on first use, kept with the predictions.
 */
final class KernelBlock {
    final int features;
    final int rows;
    /** Made by the first {@link #transpose}: blocks handed over column-major never need it. */
    private double[][] columns;
    final double[][] lanes;
    final double[] kernel;
    /** Running sums over the support vectors. */
    final double[] sums;

    private KernelBlock(int features, int rows) {
        this.features = features;
        this.rows = rows;
        this.lanes = new double[32][rows];
        this.kernel = new double[rows];
        this.sums = new double[rows];
    }

    /** The block kept in {@code out} when it fits, else a new one, kept there for the next batch. */
    static KernelBlock of(Predictions out, int features, int rows) {
        if (out.work instanceof KernelBlock b && b.features == features && b.rows >= rows) {
            return b;
        }
        KernelBlock b = new KernelBlock(features, rows);
        out.work = b;
        return b;
    }

    /** Copies rows {@code [first, first + count)} of the row-major {@code x} into the block's columns, returned. */
    double[][] transpose(double[] x, int first, int count) {
        if (columns == null) {
            columns = new double[features][rows];
        }
        double[][] c = columns;
        for (int r = 0; r < count; r++) {
            int src = (first + r) * features;
            for (int j = 0; j < features; j++) {
                c[j][r] = x[src + j];
            }
        }
        return c;
    }
}
