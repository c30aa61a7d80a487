package io.shape.domain.transform.steps;

import java.util.Map;

/**
 * {@code x - center} then {@code / scale}, per column, each optional: the transform of StandardScaler,
 * RobustScaler and MaxAbsScaler (scikit-learn divides, it does not multiply by a reciprocal). A missing
 * center is a center of +0.0 and a missing scale a scale of 1.0: {@code x - 0.0} and {@code x / 1.0} are
 * {@code x} to the bit (−0.0, infinities and NaN included), so every form below is one formula.
 */
final class CenterScaleTransform extends ColumnwiseTransform {
    private static final long serialVersionUID = 1L;
    /** Rows per tile in {@link #applyBatch}. */
    private static final int TILE_ROWS = 16;

    private final double[] center;
    private final double[] scale;
    /** The center repeated for {@link #TILE_ROWS} rows, then the scale likewise. */
    private final double[] tileCenter;
    private final double[] tileScale;

    CenterScaleTransform(String step, String sklearnClass, int width, double[] center, double[] scale,
                         Map<String, Object> attributes) {
        super(step, sklearnClass, width, attributes);
        checkWidth(center, sklearnClass);
        checkWidth(scale, sklearnClass);
        this.center = center == null ? new double[width] : center.clone();
        this.scale = scale == null ? filled(width, 1.0) : scale.clone();
        this.tileCenter = tiled(this.center);
        this.tileScale = tiled(this.scale);
    }

    private void checkWidth(double[] v, String sklearnClass) {
        if (v != null && v.length != width) {
            throw io.shape.domain.ShapeException.invalidInput("saved state of step '" + step() + "' (" + sklearnClass
                    + ") has " + v.length + " columns, expected " + width + "; refit the pipeline");
        }
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    private double[] tiled(double[] v) {
        double[] t = new double[TILE_ROWS * width];
        for (int r = 0; r < TILE_ROWS; r++) {
            System.arraycopy(v, 0, t, r * width, width);
        }
        return t;
    }

    /**
     * {@link #apply} for every row, a tile of rows at a time: the tile is copied out, centered and scaled in
     * one long loop against the center and scale repeated once per row of the tile, and copied back. The JIT
     * runs that loop in vector registers, which it does not for a row-sized inner loop nor for arrays read at
     * different offsets; division is as exactly rounded there as in a scalar register.
     */
    @Override
    public void applyBatch(double[] in, double[] out, int rows) {
        double[] c = tileCenter;
        double[] s = tileScale;
        double[] t = new double[c.length];
        int end = rows * width;
        for (int base = 0; base < end; base += t.length) {
            int n = Math.min(t.length, end - base);
            System.arraycopy(in, base, t, 0, n);
            for (int k = 0; k < n; k++) {
                t[k] = (t[k] - c[k]) / s[k];
            }
            System.arraycopy(t, 0, out, base, n);
        }
    }

    @Override
    public boolean hasColumnForm() {
        return true;
    }

    @Override
    public void applyColumns(double[][] in, double[][] out, int rows) {
        for (int j = 0; j < width; j++) {
            double[] x = in[j];
            double[] o = out[j];
            double c = center[j];
            double s = scale[j];
            for (int r = 0; r < rows; r++) {
                o[r] = (x[r] - c) / s;
            }
        }
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int j = 0; j < width; j++) {
            out[outOffset + j] = (in[inOffset + j] - center[j]) / scale[j];
        }
    }
}
