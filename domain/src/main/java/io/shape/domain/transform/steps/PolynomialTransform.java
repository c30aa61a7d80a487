package io.shape.domain.transform.steps;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Map;

/** The bound PolynomialFeatures transform (it has nothing to fit). */
final class PolynomialTransform implements FittedTransform {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final int inputWidth;
    private final int[] start;
    private final int[] factors;

    PolynomialTransform(String step, int inputWidth, MonomialPlan plan) {
        this.step = step;
        this.inputWidth = inputWidth;
        this.start = plan.start();
        this.factors = plan.factors();
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int outputWidth() {
        return start.length - 1;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        int columns = start.length - 1;
        for (int c = 0; c < columns; c++) {
            int lo = start[c];
            int hi = start[c + 1];
            double v;
            if (lo == hi) {
                v = 1.0;
            } else {
                v = in[inOffset + factors[hi - 1]];
                for (int k = hi - 2; k >= lo; k--) {
                    v *= in[inOffset + factors[k]];
                }
            }
            out[outOffset + c] = v;
        }
    }

    @Override
    public FittedState state() {
        return new FittedState(step, PolynomialFeaturesStep.CLASS, inputWidth, outputWidth(),
                Map.of("n_features_in_", (long) inputWidth, "n_output_features_", (long) outputWidth()));
    }
}
