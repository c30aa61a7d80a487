package io.shape.domain.transform.steps;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Map;

/** The bound PolynomialFeatures transform (it has nothing to fit). */
final class PolynomialTransform implements FittedTransform {
    private static final long serialVersionUID = 1L;
    /** Rows per chunk in {@link #applyBatch}: a chunk's input and output stay in the core's caches. */
    private static final int CHUNK = 64;

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

    /**
     * The same products as {@link #apply}, computed a column at a time over chunks of rows: one tight loop
     * per output column instead of a lookup of its factors for every row and column.
     */
    @Override
    public void applyBatch(double[] in, double[] out, int rows) {
        int wi = inputWidth;
        int columns = start.length - 1;
        for (int first = 0; first < rows; first += CHUNK) {
            int end = Math.min(rows, first + CHUNK);
            for (int c = 0; c < columns; c++) {
                int lo = start[c];
                int hi = start[c + 1];
                int o = first * columns + c;
                int i = first * wi;
                switch (hi - lo) {
                    case 0 -> {
                        for (int r = first; r < end; r++, o += columns) {
                            out[o] = 1.0;
                        }
                    }
                    case 1 -> {
                        int a = factors[lo];
                        for (int r = first; r < end; r++, o += columns, i += wi) {
                            out[o] = in[i + a];
                        }
                    }
                    case 2 -> {
                        int a = factors[lo];
                        int b = factors[lo + 1];
                        for (int r = first; r < end; r++, o += columns, i += wi) {
                            out[o] = in[i + b] * in[i + a];
                        }
                    }
                    default -> {
                        for (int r = first; r < end; r++, o += columns, i += wi) {
                            double v = in[i + factors[hi - 1]];
                            for (int k = hi - 2; k >= lo; k--) {
                                v *= in[i + factors[k]];
                            }
                            out[o] = v;
                        }
                    }
                }
            }
        }
    }

    @Override
    public FittedState state() {
        // Ordered, so that fitted_state.json is the same file from run to run.
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        attributes.put("n_features_in_", (long) inputWidth);
        attributes.put("n_output_features_", (long) outputWidth());
        return new FittedState(step, PolynomialFeaturesStep.CLASS, inputWidth, outputWidth(), attributes);
    }
}
