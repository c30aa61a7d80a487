package io.shape.domain.transform.steps;

/** scikit-learn's {@code _handle_zeros_in_scale} without a precomputed mask. */
final class Scales {
    private static final double TINY = 10 * Math.ulp(1.0);

    private Scales() {
    }

    /** Scales below 10·eps become 1, so near-constant features are not blown up; NaN stays. */
    static double[] handleZeros(double[] scale) {
        double[] out = scale.clone();
        for (int j = 0; j < out.length; j++) {
            if (out[j] < TINY) {
                out[j] = 1.0;
            }
        }
        return out;
    }
}
