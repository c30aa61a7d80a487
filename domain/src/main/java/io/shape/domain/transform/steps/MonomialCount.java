package io.shape.domain.transform.steps;

import io.shape.domain.transform.WidthRange;

/**
 * How many columns PolynomialFeatures outputs for {@code n} inputs, counted (as scikit-learn's
 * {@code _num_combinations}) without listing them, so that an explosion is measured before any memory is
 * spent: C(n+d-1, d) monomials of degree d, or C(n, d) with {@code interaction_only}, plus the bias.
 * Saturates at {@link WidthRange#SATURATED}.
 */
final class MonomialCount {
    private MonomialCount() {
    }

    static long of(long n, int minDegree, int maxDegree, boolean interactionOnly, boolean includeBias) {
        long total = includeBias ? 1 : 0;
        for (int d = Math.max(1, minDegree); d <= maxDegree && total != WidthRange.SATURATED; d++) {
            long terms;
            if (interactionOnly) {
                terms = binomial(n, d);
            } else {
                terms = n > WidthRange.SATURATED - d ? WidthRange.SATURATED : binomial(n + d - 1, d);
            }
            total = add(total, terms);
        }
        return total;
    }

    /**
     * C(m, k) for k ≤ m, each partial product C(m-k+i, i) exact: dividing by gcd first keeps it in a long
     * while the result fits, and a partial product that does not fit means the result does not either.
     */
    static long binomial(long m, long k) {
        if (k > m) {
            return 0; // no monomial of degree d in no inputs
        }
        if (m == WidthRange.SATURATED && k > 0) {
            return WidthRange.SATURATED;
        }
        long r = Math.min(k, m - k);
        long c = 1;
        for (long i = 1; i <= r; i++) {
            long g = gcd(c, i);
            try {
                c = Math.multiplyExact(c / g, (m - r + i) / (i / g));
            } catch (ArithmeticException overflow) {
                return WidthRange.SATURATED;
            }
        }
        return c;
    }

    private static long add(long a, long b) {
        long s = a + b;
        return s < 0 || a == WidthRange.SATURATED || b == WidthRange.SATURATED ? WidthRange.SATURATED : s;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
