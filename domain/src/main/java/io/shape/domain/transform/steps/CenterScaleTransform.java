package io.shape.domain.transform.steps;

import java.util.Map;

/**
 * {@code x - center} then {@code / scale}, per column, each optional: the transform of StandardScaler,
 * RobustScaler and MaxAbsScaler (scikit-learn divides, it does not multiply by a reciprocal).
 */
final class CenterScaleTransform extends ColumnwiseTransform {
    private static final long serialVersionUID = 1L;

    private final double[] center;
    private final double[] scale;

    CenterScaleTransform(String step, String sklearnClass, int width, double[] center, double[] scale,
                         Map<String, Object> attributes) {
        super(step, sklearnClass, width, attributes);
        this.center = center == null ? null : center.clone();
        this.scale = scale == null ? null : scale.clone();
        checkWidth(center, sklearnClass);
        checkWidth(scale, sklearnClass);
    }

    private void checkWidth(double[] v, String sklearnClass) {
        if (v != null && v.length != width) {
            throw io.shape.domain.ShapeException.invalidInput("saved state of step '" + step() + "' (" + sklearnClass
                    + ") has " + v.length + " columns, expected " + width + "; refit the pipeline");
        }
    }

    /** Rows per tile in {@link #applyBatch}. */
    private static final int TILE_ROWS = 16;

    /**
     * {@link #apply} for every row, a tile of rows at a time: the tile is copied out, centered and scaled in
     * one long loop against the center and scale repeated once per row of the tile, and copied back. The JIT
     * runs that loop in vector registers, which it does not for a row-sized inner loop nor for arrays read at
     * different offsets; division is as exactly rounded there as in a scalar register.
     */
    @Override
    public void applyBatch(double[] in, double[] out, int rows) {
        int w = width;
        if (center == null && scale == null) {
            if (in != out) {
                System.arraycopy(in, 0, out, 0, rows * w);
            }
            return;
        }
        // made per batch: a tile is ~1k values, a batch ~270k
        double[] c = tiled(center);
        double[] s = tiled(scale);
        double[] t = new double[c.length];
        int end = rows * w;
        for (int base = 0; base < end; base += t.length) {
            int n = Math.min(t.length, end - base);
            System.arraycopy(in, base, t, 0, n);
            if (center != null && scale != null) {
                for (int k = 0; k < n; k++) {
                    t[k] = (t[k] - c[k]) / s[k];
                }
            } else if (center != null) {
                for (int k = 0; k < n; k++) {
                    t[k] = t[k] - c[k];
                }
            } else {
                for (int k = 0; k < n; k++) {
                    t[k] = t[k] / s[k];
                }
            }
            System.arraycopy(t, 0, out, base, n);
        }
    }

    /** {@code v} repeated for {@link #TILE_ROWS} rows, or a tile of zeros when {@code v} is null. */
    private double[] tiled(double[] v) {
        double[] t = new double[TILE_ROWS * width];
        if (v != null) {
            for (int r = 0; r < TILE_ROWS; r++) {
                System.arraycopy(v, 0, t, r * width, width);
            }
        }
        return t;
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
            if (center != null && scale != null) {
                double c = center[j];
                double s = scale[j];
                for (int r = 0; r < rows; r++) {
                    o[r] = (x[r] - c) / s;
                }
            } else if (center != null) {
                double c = center[j];
                for (int r = 0; r < rows; r++) {
                    o[r] = x[r] - c;
                }
            } else if (scale != null) {
                double s = scale[j];
                for (int r = 0; r < rows; r++) {
                    o[r] = x[r] / s;
                }
            } else {
                System.arraycopy(x, 0, o, 0, rows);
            }
        }
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        double[] c = center;
        double[] s = scale;
        for (int j = 0; j < width; j++) {
            double v = in[inOffset + j];
            if (c != null) {
                v -= c[j];
            }
            if (s != null) {
                v /= s[j];
            }
            out[outOffset + j] = v;
        }
    }
}
