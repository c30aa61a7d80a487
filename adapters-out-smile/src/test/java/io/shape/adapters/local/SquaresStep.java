package io.shape.adapters.local;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.WidthRange;

import java.util.Map;

/** Test double of a stateless widening step: {@code [x1..xn] → [x1..xn, x1²..xn²]}. */
final class SquaresStep implements StatelessStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "squares";
    }

    @Override
    public String sklearnClass() {
        return "Squares";
    }

    @Override
    public Map<String, Object> params() {
        return Map.of();
    }

    @Override
    public WidthRange outputWidths(WidthRange input) {
        return new WidthRange(2 * input.min(), 2 * input.max());
    }

    @Override
    public FittedTransform bind(int inputWidth) {
        return new Squares(inputWidth);
    }

    @Override
    public FittedTransform restore(FittedState state) {
        return new Squares(state.inputWidth());
    }

    record Squares(int inputWidth) implements FittedTransform {
        @Override
        public int outputWidth() {
            return 2 * inputWidth;
        }

        @Override
        public void apply(double[] in, int inOffset, double[] out, int outOffset) {
            for (int i = 0; i < inputWidth; i++) {
                double v = in[inOffset + i];
                out[outOffset + i] = v;
                out[outOffset + inputWidth + i] = v * v;
            }
        }

        @Override
        public FittedState state() {
            return new FittedState("squares", "Squares", inputWidth, 2 * inputWidth, Map.of());
        }
    }
}
