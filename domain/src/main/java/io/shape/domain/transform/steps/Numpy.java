package io.shape.domain.transform.steps;

/**
 * The few numpy routines whose exact rounding decides scikit-learn's answers, re-derived from numpy 2.2's
 * definitions (not its code): {@code linspace}, linear-interpolation {@code percentile} on sorted data,
 * {@code maximum}, and the lookup of {@code interp}.
 */
final class Numpy {
    private Numpy() {
    }

    /** {@code np.linspace(0, 1, n)}: i·(1/(n−1)), the last one exactly 1. */
    static double[] linspace01(int n) {
        double[] r = new double[n];
        if (n == 1) {
            return r;
        }
        double step = 1.0 / (n - 1);
        for (int i = 0; i < n; i++) {
            r[i] = i * step + 0.0;
        }
        r[n - 1] = 1.0;
        return r;
    }

    /**
     * {@code np.percentile(sorted[0..n), q * 100)}, method linear, where scikit-learn passes percentages that
     * numpy divides by 100 again: virtual index (n−1)·q, then numpy's two-sided lerp. NaN when n is 0.
     *
     * @param percent the percentage as scikit-learn passes it (e.g. {@code references_[i] * 100})
     */
    static double percentile(double[] sorted, int n, double percent) {
        if (n == 0) {
            return Double.NaN;
        }
        double q = percent / 100.0;
        double virtual = (n - 1) * q;
        if (Double.isNaN(virtual)) {
            return Double.NaN;
        }
        // numpy takes the last element (index -1) at or above n-1 and computes gamma from that -1.
        int below;
        double previous;
        if (virtual >= n - 1) {
            below = n - 1;
            previous = -1;
        } else {
            previous = Math.floor(virtual);
            below = (int) previous;
        }
        int above = virtual >= n - 1 ? n - 1 : below + 1;
        double gamma = virtual - previous;
        return lerp(sorted[below], sorted[above], gamma);
    }

    /** numpy's {@code _lerp}: a + (b−a)·t, or b − (b−a)·(1−t) when t ≥ 0.5 (monotone at both ends). */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** {@code np.maximum}: NaN if either is NaN, ties keep the first (so −0.0 vs 0.0 keeps the first). */
    static double maximum(double a, double b) {
        return (a >= b || Double.isNaN(a)) ? a : b;
    }

    /** {@code np.minimum}: NaN if either is NaN, ties keep the first. */
    static double minimum(double a, double b) {
        return (a <= b || Double.isNaN(a)) ? a : b;
    }

    /**
     * The index numpy's {@code interp} interpolates from: the last j with xp[j] ≤ x (xp non-decreasing),
     * −1 below xp[0], n above xp[n−1]. x must not be NaN.
     */
    static int lastAtMost(double[] xp, double x) {
        int n = xp.length;
        if (x > xp[n - 1]) {
            return n;
        }
        if (x < xp[0]) {
            return -1;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x >= xp[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
