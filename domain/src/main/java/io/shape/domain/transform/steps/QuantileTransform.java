package io.shape.domain.transform.steps;

import java.util.Map;

/**
 * The fitted QuantileTransformer, per value as scikit-learn's {@code _transform_col}: the mean of
 * {@code np.interp} forward and on the negated reversed arrays (so tied quantiles map to the middle of
 * their references), bounds set within 1e-7 ('normal') or on equality ('uniform'), then Cephes
 * {@code ndtri} clipped to ±5.199... for 'normal'. NaN stays NaN. Lookup tables are precomputed per
 * column; {@link #apply} allocates nothing.
 */
final class QuantileTransform extends ColumnwiseTransform {
    private static final long serialVersionUID = 1L;
    private static final double BOUNDS_THRESHOLD = 1e-7;
    private static final double EPS = Math.ulp(1.0);
    /** Rows per tile in {@link #applyBatch}. */
    private static final int TILE_ROWS = 256;
    static final double CLIP_MIN = Ndtri.ndtri(BOUNDS_THRESHOLD - EPS);
    static final double CLIP_MAX = Ndtri.ndtri(1 - (BOUNDS_THRESHOLD - EPS));

    private final boolean normal;
    /**
     * Per column: quantiles (xp) and references (fp) with their slopes. numpy's lookup on the negated reversed
     * arrays reads the same entries negated, and negation is exact, so these serve both directions.
     */
    private final double[][] xp;
    private final double[] fp;
    private final double[][] slope;
    /** Per column: where a value's lookup starts, see {@link QuantileIndex}. */
    private final QuantileIndex[] index;

    QuantileTransform(QuantileTransformerStep step, double[][] quantiles, double[] references,
                      Map<String, Object> attributes) {
        super(step.name(), QuantileTransformerStep.CLASS, width(step, quantiles, references), attributes);
        this.normal = step.normal();
        int n = references.length;
        this.fp = references.clone();
        this.xp = new double[width][n];
        this.slope = new double[width][Math.max(0, n - 1)];
        for (int j = 0; j < width; j++) {
            for (int i = 0; i < n; i++) {
                xp[j][i] = quantiles[i][j];
            }
            for (int i = 0; i + 1 < n; i++) {
                slope[j][i] = (fp[i + 1] - fp[i]) / (xp[j][i + 1] - xp[j][i]);
            }
        }
        this.index = new QuantileIndex[width];
        for (int j = 0; j < width; j++) {
            index[j] = new QuantileIndex(xp[j]);
        }
    }

    /** The columns of the quantiles, once they are known to match the references. */
    private static int width(QuantileTransformerStep step, double[][] quantiles, double[] references) {
        int n = references.length;
        if (quantiles.length != n || n == 0) {
            throw io.shape.domain.ShapeException.invalidInput("saved state of step '" + step.name()
                    + "': quantiles_ has " + quantiles.length + " rows but references_ has " + n + "; refit");
        }
        return quantiles[0].length;
    }

    /**
     * {@code np.interp(x, xp, fp)} for non-NaN x, with the slopes numpy precomputes, given
     * {@code j = Numpy.lastAtMost(xp, x)}.
     */
    private static double interp(double x, int j, double[] xp, double[] fp, double[] slope) {
        int n = xp.length;
        if (j < 0) {
            return fp[0];
        }
        if (j >= n - 1) {
            return fp[n - 1];
        }
        if (xp[j] == x) {
            return fp[j];
        }
        double s = slope[j];
        double r = s * (x - xp[j]) + fp[j];
        if (Double.isNaN(r)) {
            r = s * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(r) && fp[j] == fp[j + 1]) {
                r = fp[j];
            }
        }
        return r;
    }

    /**
     * {@code np.interp(−x, xpb, fpb)} with xpb = −xp reversed and fpb = −fp reversed, for non-NaN x, given
     * {@code k = firstAtLeast(xp, x)}: the negated reversed lookup lands on entry n−1−k of xpb, which is
     * −xp[k]. Each operation below is numpy's on those arrays with the negations moved out, exact in IEEE
     * arithmetic: −x − (−a) is a − x, and xpb's slope there, (−fp[k−1] + fp[k]) / (−xp[k−1] + xp[k]), is
     * slope[k−1] to the bit.
     */
    private static double interpBack(double x, int k, double[] xp, double[] fp, double[] slope) {
        int n = xp.length;
        if (k >= n) {
            return -fp[n - 1];
        }
        if (k <= 0) {
            return -fp[0];
        }
        if (xp[k] == x) {
            return -fp[k];
        }
        double s = slope[k - 1];
        double r = s * (xp[k] - x) - fp[k];
        if (Double.isNaN(r)) {
            r = s * (xp[k - 1] - x) - fp[k - 1];
            if (Double.isNaN(r) && fp[k] == fp[k - 1]) {
                r = -fp[k];
            }
        }
        return r;
    }

    double transformValue(int j, double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double v = probability(j, x);
        if (!normal) {
            return v;
        }
        return clip(Ndtri.ndtri(v));
    }

    /** np.clip to the bounds: NaN stays NaN. */
    private static double clip(double z) {
        return z < CLIP_MIN ? CLIP_MIN : (z > CLIP_MAX ? CLIP_MAX : z);
    }

    /**
     * {@link #apply} for every row, a column of a tile of rows at a time: first each value's probability
     * (interpolation and bounds), then the normal quantile of them all in one vectorizable loop over the
     * central range ({@link Ndtri#centralAll}), then the tails one by one. The same values as {@link #apply}.
     */
    @Override
    public void applyBatch(double[] in, double[] out, int rows) {
        if (!normal) {
            super.applyBatch(in, out, rows);
            return;
        }
        int w = width;
        double[] p = new double[Math.min(rows, TILE_ROWS)];
        double[] central = new double[p.length];
        for (int first = 0; first < rows; first += TILE_ROWS) {
            int n = Math.min(TILE_ROWS, rows - first);
            for (int j = 0; j < w; j++) {
                for (int r = 0, at = first * w + j; r < n; r++, at += w) {
                    double x = in[at];
                    p[r] = x != x ? x : probability(j, x);
                }
                Ndtri.centralAll(p, central, n);
                for (int r = 0, at = first * w + j; r < n; r++, at += w) {
                    double v = p[r];
                    out[at] = v != v ? v : clip(Ndtri.ndtri(v, central[r]));
                }
            }
        }
    }

    /** The interpolated probability of a non-NaN x in column j, with scikit-learn's bounds. */
    private double probability(int j, double x) {
        double[] q = xp[j];
        int n = q.length;
        // One lookup serves both directions: the reversed negated array's index follows from the forward one.
        QuantileIndex at = index[j];
        int forward = at.lastAtMost(x);
        int backward = at.firstAtLeast(x, forward);
        double v = 0.5 * (interp(x, forward, q, fp, slope[j]) - interpBack(x, backward, q, fp, slope[j]));
        boolean upper;
        boolean lower;
        if (normal) {
            upper = x + BOUNDS_THRESHOLD > q[n - 1];
            lower = x - BOUNDS_THRESHOLD < q[0];
        } else {
            upper = x == q[n - 1];
            lower = x == q[0];
        }
        if (upper) {
            v = 1;
        }
        if (lower) {
            v = 0;
        }
        return v;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int j = 0; j < width; j++) {
            out[outOffset + j] = transformValue(j, in[inOffset + j]);
        }
    }
}
