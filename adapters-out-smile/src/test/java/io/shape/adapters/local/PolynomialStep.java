package io.shape.adapters.local;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.WidthRange;

import java.util.Map;

/** Test double with PolynomialFeatures(2)'s shape ({@code 1, x_i, x_i·x_j for i ≤ j}) for realistic widths. */
final class PolynomialStep implements StatelessStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "poly";
    }

    @Override
    public String sklearnClass() {
        return "PolynomialTest";
    }

    @Override
    public Map<String, Object> params() {
        return Map.of();
    }

    @Override
    public WidthRange outputWidths(WidthRange input) {
        return new WidthRange(columns(input.min()), columns(input.max()));
    }

    private static long columns(long n) {
        return 1 + n + n * (n + 1) / 2;
    }

    @Override
    public FittedTransform bind(int inputWidth) {
        return new Products(inputWidth);
    }

    @Override
    public FittedTransform restore(FittedState state) {
        return new Products(state.inputWidth());
    }

    record Products(int inputWidth) implements FittedTransform {
        @Override
        public int outputWidth() {
            return 1 + inputWidth + inputWidth * (inputWidth + 1) / 2;
        }

        @Override
        public void apply(double[] in, int inOffset, double[] out, int outOffset) {
            int o = outOffset;
            out[o++] = 1;
            for (int i = 0; i < inputWidth; i++) {
                out[o++] = in[inOffset + i];
            }
            for (int i = 0; i < inputWidth; i++) {
                for (int j = i; j < inputWidth; j++) {
                    out[o++] = in[inOffset + i] * in[inOffset + j];
                }
            }
        }

        @Override
        public FittedState state() {
            return new FittedState("poly", "PolynomialTest", inputWidth, outputWidth(), Map.of());
        }
    }
}
