package io.shape.domain.transform.steps;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bucketed lookup gives exactly the binary search's answers, ties and extremes included. */
class QuantileIndexTest {

    @Test
    void agreesWithTheBinarySearchOnEveryKindOfQuantiles() {
        Random random = new Random(7);
        double[][] cases = {
            {1.0},
            {1.0, 1.0, 1.0, 1.0},
            {-0.0, 0.0, 0.0, 1.0},
            {0, 1, 1, 1, 2, 3, 3, 10},
            {-Double.MAX_VALUE, 0, Double.MAX_VALUE},
            {1e-300, 2e-300, 1e300},
            sorted(random, 1000, false),
            sorted(random, 1000, true),
            clustered(random, 1000),
        };
        for (double[] xp : cases) {
            QuantileIndex index = new QuantileIndex(xp);
            for (double x : probes(xp, random)) {
                int expected = Numpy.lastAtMost(xp, x);
                int j = index.lastAtMost(x);
                assertEquals(expected, j, () -> "x=" + x + " in " + Arrays.toString(xp));
                assertEquals(firstAtLeast(xp, x), index.firstAtLeast(x, j), () -> "x=" + x);
            }
        }
    }

    private static int firstAtLeast(double[] xp, double x) {
        for (int k = 0; k < xp.length; k++) {
            if (xp[k] >= x) {
                return k;
            }
        }
        return xp.length;
    }

    private static double[] sorted(Random random, int n, boolean ties) {
        double[] xp = new double[n];
        for (int i = 0; i < n; i++) {
            xp[i] = ties ? Math.floor(random.nextGaussian() * 5) : random.nextGaussian();
        }
        Arrays.sort(xp);
        return xp;
    }

    /** Most quantiles in a sliver of the range, as for a heavy-tailed column. */
    private static double[] clustered(Random random, int n) {
        double[] xp = new double[n];
        for (int i = 0; i < n; i++) {
            xp[i] = i < n - 5 ? 100 + random.nextDouble() * 1e-3 : 100 + random.nextDouble() * 1e6;
        }
        Arrays.sort(xp);
        return xp;
    }

    private static double[] probes(double[] xp, Random random) {
        double lo = xp[0];
        double hi = xp[xp.length - 1];
        double[] p = new double[xp.length * 3 + 2000 + 6];
        int k = 0;
        for (double q : xp) {
            p[k++] = q;
            p[k++] = Math.nextUp(q);
            p[k++] = Math.nextDown(q);
        }
        for (int i = 0; i < 2000; i++) {
            double t = random.nextDouble();
            p[k++] = Double.isFinite(hi - lo) ? lo + (hi - lo) * t : (t < 0.5 ? lo * t : hi * t);
        }
        p[k++] = Double.NEGATIVE_INFINITY;
        p[k++] = Double.POSITIVE_INFINITY;
        p[k++] = -Double.MAX_VALUE;
        p[k++] = Double.MAX_VALUE;
        p[k++] = 0.0;
        p[k] = -0.0;
        return p;
    }
}
