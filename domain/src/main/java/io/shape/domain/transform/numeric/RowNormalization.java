package io.shape.domain.transform.numeric;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.List;
import java.util.Map;

/**
 * A {@code Normalizer}, as scikit-learn 1.6.1's {@code normalize} (dense, per row): each row divided by its norm,
 * {@code l1} the sum of absolute values, {@code l2} the square root of the sum of squares ({@code row_norms}),
 * {@code max} the largest absolute value. A norm below 10·eps is taken as 1 ({@code _handle_zeros_in_scale}), so an
 * all-zero row stays zeros. Sums run in column order; numpy's {@code einsum} may pair the squares otherwise, so l2
 * values can be 1 ulp apart. Normalizer learns nothing when fitted: a pickle holds only its {@code norm}, and a spec
 * step binds the same transform.
 */
final class RowNormalization implements FittedTransform {
    private static final long serialVersionUID = 1L;
    private static final double TINY = 10 * Math.ulp(1.0);

    enum Norm { L1, L2, MAX }

    private final String step;
    private final int width;
    private final Norm norm;
    private final FiniteInput finite;

    RowNormalization(String step, List<String> names, int width, Norm norm) {
        this.step = step;
        this.width = width;
        this.norm = norm;
        this.finite = new FiniteInput(step, "Normalizer", names);
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int outputWidth() {
        return width;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        finite.require(in, inOffset, width);
        double n = 0.0;
        switch (norm) {
            case L1 -> {
                for (int j = 0; j < width; j++) {
                    n += Math.abs(in[inOffset + j]);
                }
            }
            case L2 -> {
                for (int j = 0; j < width; j++) {
                    double x = in[inOffset + j];
                    n += x * x;
                }
                n = Math.sqrt(n);
            }
            case MAX -> {
                for (int j = 0; j < width; j++) {
                    n = Math.max(n, Math.abs(in[inOffset + j]));
                }
            }
        }
        if (n < TINY) {
            n = 1.0;
        }
        for (int j = 0; j < width; j++) {
            out[outOffset + j] = in[inOffset + j] / n;
        }
    }

    @Override
    public FittedState state() {
        // n_features_in_ is all scikit-learn's fit sets; the norm says which transform a saved state restores
        return new FittedState(step, "Normalizer", width, width, Map.of("norm", norm(),
                "n_features_in_", (long) width));
    }

    /** {@code l1}, {@code l2} or {@code max}, as scikit-learn spells the parameter. */
    String norm() {
        return norm.name().toLowerCase(java.util.Locale.ROOT);
    }
}
