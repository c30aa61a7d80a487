package io.shape.domain.transform.steps;

/**
 * The inverse of the standard normal CDF, computed with the same rational approximations, coefficients and
 * operation order as the Cephes {@code ndtri} that scipy's {@code norm.ppf} calls, so results agree to the
 * bit wherever the platform logarithms agree.
 */
final class Ndtri {
    private static final double SQRT_2PI = 2.50662827463100050242E0;
    private static final double EXP_MINUS_2 = 0.13533528323661269189;

    // |y - 0.5| <= 3/8: P0 and Q0 (implied leading 1), as constants so the central loop keeps them in registers
    private static final double P0_0 = -5.99633501014107895267E1;
    private static final double P0_1 = 9.80010754185999661536E1;
    private static final double P0_2 = -5.66762857469070293439E1;
    private static final double P0_3 = 1.39312609387279679503E1;
    private static final double P0_4 = -1.23916583867381258016E0;
    private static final double Q0_0 = 1.95448858338141759834E0;
    private static final double Q0_1 = 4.67627912898881538453E0;
    private static final double Q0_2 = 8.63602421390890590575E1;
    private static final double Q0_3 = -2.25462687854119370527E2;
    private static final double Q0_4 = 2.00260212380060660359E2;
    private static final double Q0_5 = -8.20372256168333339912E1;
    private static final double Q0_6 = 1.59056225126211695515E1;
    private static final double Q0_7 = -1.18331621121330003142E0;
    // z = sqrt(-2 log y) in [2, 8)
    private static final double[] P1 = {4.05544892305962419923E0, 3.15251094599893866154E1,
        5.71628192246421288162E1, 4.40805073893200834700E1, 1.46849561928858024014E1,
        2.18663306850790267539E0, -1.40256079171354495875E-1, -3.50424626827848203418E-2,
        -8.57456785154685413611E-4};
    private static final double[] Q1 = {1.57799883256466749731E1, 4.53907635128879210584E1,
        4.13172038254672030440E1, 1.50425385692907503408E1, 2.50464946208309415979E0,
        -1.42182922854787788574E-1, -3.80806407691578277194E-2, -9.33259480895457427372E-4};
    // z in [8, 64]
    private static final double[] P2 = {3.23774891776946035970E0, 6.91522889068984211695E0,
        3.93881025292474443415E0, 1.33303460815807542389E0, 2.01485389549179081538E-1,
        1.23716634817820021358E-2, 3.01581553508235416007E-4, 2.65806974686737550832E-6,
        6.23974539184983293730E-9};
    private static final double[] Q2 = {6.02427039364742014255E0, 3.67983563856160859403E0,
        1.37702099489081330271E0, 2.16236993594496635890E-1, 1.34204006088543189037E-2,
        3.28014464682127739104E-4, 2.89247864745380683936E-6, 6.79019408009981274425E-9};

    private Ndtri() {
    }

    /** x such that Φ(x) = p; ±∞ at 0 and 1, NaN outside [0, 1] and for NaN. */
    static double ndtri(double p) {
        return isCentral(p) ? central(p) : outsideCentral(p);
    }

    /**
     * {@link #ndtri} of each {@code p[r]} given {@code central[r]}, what {@link #centralAll} made of it: the
     * central values are taken from there, the others computed here.
     */
    static double ndtri(double p, double central) {
        return isCentral(p) ? central : outsideCentral(p);
    }

    /**
     * {@code central[r]} = the central approximation of {@code p[r]} for {@code r < n}, for every value
     * whether it lies in the central range or not (the caller keeps those that do). One branch-free loop of
     * multiplications, additions and a division over consecutive values, which the JIT runs in vector
     * registers; those operations round the same there as one at a time, so the values are those of
     * {@link #ndtri}.
     */
    static void centralAll(double[] p, double[] central, int n) {
        for (int r = 0; r < n; r++) {
            central[r] = central(p[r]);
        }
    }

    /** Cephes' range for the central approximation: exp(−2) < p ≤ 1 − exp(−2) (false for NaN). */
    private static boolean isCentral(double p) {
        return p > EXP_MINUS_2 && p <= 1.0 - EXP_MINUS_2;
    }

    /** The central approximation, Horner's rule written out (same operations as polevl and p1evl). */
    private static double central(double p) {
        double y = p - 0.5;
        double y2 = y * y;
        double num = (((P0_0 * y2 + P0_1) * y2 + P0_2) * y2 + P0_3) * y2 + P0_4;
        double den = (((((((y2 + Q0_0) * y2 + Q0_1) * y2 + Q0_2) * y2 + Q0_3) * y2 + Q0_4) * y2 + Q0_5) * y2
                + Q0_6) * y2 + Q0_7;
        double x = y + y * (y2 * num / den);
        return x * SQRT_2PI;
    }

    /** The tails, 0, 1, and NaN for what is not a probability. */
    private static double outsideCentral(double p) {
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            return Double.NaN;
        }
        boolean negate = true;
        double y = p;
        if (y > 1.0 - EXP_MINUS_2) {
            y = 1.0 - y;
            negate = false;
        }
        double x = Math.sqrt(-2.0 * Math.log(y));
        double x0 = x - Math.log(x) / x;
        double z = 1.0 / x;
        double x1 = x < 8.0 ? z * polevl(z, P1) / p1evl(z, Q1) : z * polevl(z, P2) / p1evl(z, Q2);
        double r = x0 - x1;
        return negate ? -r : r;
    }

    /** Horner's rule, highest coefficient first. */
    private static double polevl(double x, double[] c) {
        double ans = c[0];
        for (int i = 1; i < c.length; i++) {
            ans = ans * x + c[i];
        }
        return ans;
    }

    /** Horner's rule with an implied leading coefficient 1. */
    private static double p1evl(double x, double[] c) {
        double ans = x + c[0];
        for (int i = 1; i < c.length; i++) {
            ans = ans * x + c[i];
        }
        return ans;
    }
}
