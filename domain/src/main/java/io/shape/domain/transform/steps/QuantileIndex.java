package io.shape.domain.transform.steps;

/**
 * Finds where a value falls among one column's sorted quantiles, with the same answers as a binary search
 * ({@link Numpy#lastAtMost}) but mostly without one: the value range is cut into equal buckets and each
 * bucket knows which quantiles it holds, so a lookup is one multiplication and a short scan. Exact: the
 * bucket of a value is a non-decreasing function of it, so every quantile in an earlier bucket is at most
 * the value and every one in a later bucket is above it.
 */
final class QuantileIndex implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Buckets per quantile: about one quantile per bucket where the quantiles are densest in practice. */
    private static final int BUCKETS_PER_QUANTILE = 4;
    private static final int MAX_BUCKETS = 1 << 16;
    /** Longer bucket contents are binary-searched rather than scanned. */
    private static final int SCAN_LIMIT = 8;

    private final double[] xp;
    private final double low;
    private final double high;
    private final double scale;
    private final int lastBucket;
    /** {@code start[b]}: the number of quantiles in buckets before b; null when the range is empty. */
    private final int[] start;
    /** For each quantile, the first index holding the same value (ties). */
    private final int[] firstEqual;

    QuantileIndex(double[] xp) {
        this.xp = xp;
        int n = xp.length;
        this.low = xp[0];
        this.high = xp[n - 1];
        this.firstEqual = new int[n];
        for (int i = 1; i < n; i++) {
            firstEqual[i] = xp[i] == xp[i - 1] ? firstEqual[i - 1] : i;
        }
        int buckets = (int) Math.min(MAX_BUCKETS, (long) n * BUCKETS_PER_QUANTILE);
        double s = buckets / (high - low);
        if (high > low && Double.isFinite(s) && s > 0) {
            this.scale = s;
            this.lastBucket = buckets - 1;
            this.start = new int[buckets + 1];
            for (int i = 0; i < n; i++) {
                start[bucket(xp[i]) + 1]++;
            }
            for (int b = 0; b < buckets; b++) {
                start[b + 1] += start[b];
            }
        } else {
            this.scale = 0;
            this.lastBucket = 0;
            this.start = null;
        }
    }

    /** For low ≤ x ≤ high: a non-decreasing map to [0, lastBucket]. */
    private int bucket(double x) {
        return Math.min(lastBucket, (int) ((x - low) * scale));
    }

    /** {@link Numpy#lastAtMost}{@code (xp, x)}: −1 below the first quantile, n above the last. x is not NaN. */
    int lastAtMost(double x) {
        if (x > high) {
            return xp.length;
        }
        if (x < low) {
            return -1;
        }
        if (start == null) {
            // a constant column (x equals every quantile) or a range too wide for buckets
            return high == low ? xp.length - 1 : Numpy.lastAtMost(xp, x);
        }
        int b = bucket(x);
        int i = start[b];
        int end = start[b + 1];
        if (end - i > SCAN_LIMIT) {
            // binary search for the first index in [i, end) above x
            while (i < end) {
                int mid = (i + end) >>> 1;
                if (x >= xp[mid]) {
                    i = mid + 1;
                } else {
                    end = mid;
                }
            }
            return i - 1;
        }
        while (i < end && xp[i] <= x) {
            i++;
        }
        return i - 1;
    }

    /**
     * The first index k with {@code xp[k] >= x} (0 below the first quantile, n above the last), given
     * {@code j = lastAtMost(x)}: what numpy's lookup on the negated reversed quantiles amounts to, since
     * {@code lastAtMost(−reversed, −x) = n − 1 − k}.
     */
    int firstAtLeast(double x, int j) {
        int n = xp.length;
        if (j < 0) {
            return 0;
        }
        if (j >= n) {
            return n;
        }
        return xp[j] == x ? firstEqual[j] : j + 1;
    }
}
