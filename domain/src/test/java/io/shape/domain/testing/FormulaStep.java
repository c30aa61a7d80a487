package io.shape.domain.testing;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.WidthRange;

import java.io.Serializable;
import java.util.Map;

/**
 * A stateless step double given by a formula over each row: exact, so a test can compute what it outputs.
 * The factories are the shapes tests need: same width (shift, zero imputer) and wider (squares, polynomial).
 */
public record FormulaStep(String name, String sklearnClass, Map<String, Object> params, boolean imputes,
        Width width, Formula formula) implements StatelessStep {

    /** The output width for an input width. Serializable: engines ship steps. */
    @FunctionalInterface
    public interface Width extends Serializable {
        long of(long inputWidth);
    }

    /** Writes the output row for the {@code width} input values at {@code inOffset}. */
    @FunctionalInterface
    public interface Formula extends Serializable {
        void apply(double[] in, int inOffset, int width, double[] out, int outOffset);
    }

    /** x + shift for every value. */
    public static FormulaStep shift(String name, double shift) {
        return new FormulaStep(name, "TestShift", Map.of("shift", shift), false, w -> w,
                (in, at, width, out, to) -> {
                    for (int i = 0; i < width; i++) {
                        out[to + i] = in[at + i] + shift;
                    }
                });
    }

    /** Claims to be scikit-learn's SimpleImputer: NaN becomes 0. */
    public static FormulaStep zeroImputer(String name) {
        return new FormulaStep(name, "SimpleImputer", Map.of(), true, w -> w, (in, at, width, out, to) -> {
            for (int i = 0; i < width; i++) {
                double v = in[at + i];
                out[to + i] = Double.isNaN(v) ? 0 : v;
            }
        });
    }

    /** {@code [x1..xn] → [x1..xn, x1²..xn²]}: a widening step. */
    public static FormulaStep squares() {
        return new FormulaStep("squares", "Squares", Map.of(), false, w -> 2 * w, (in, at, width, out, to) -> {
            for (int i = 0; i < width; i++) {
                double v = in[at + i];
                out[to + i] = v;
                out[to + width + i] = v * v;
            }
        });
    }

    /** PolynomialFeatures(2)'s shape ({@code 1, x_i, x_i·x_j for i ≤ j}), for realistic widths. */
    public static FormulaStep polynomial() {
        return new FormulaStep("poly", "PolynomialTest", Map.of(), false, w -> 1 + w + w * (w + 1) / 2,
                (in, at, width, out, to) -> {
                    int o = to;
                    out[o++] = 1;
                    for (int i = 0; i < width; i++) {
                        out[o++] = in[at + i];
                    }
                    for (int i = 0; i < width; i++) {
                        for (int j = i; j < width; j++) {
                            out[o++] = in[at + i] * in[at + j];
                        }
                    }
                });
    }

    @Override
    public boolean imputesMissingValues() {
        return imputes;
    }

    @Override
    public WidthRange outputWidths(WidthRange input) {
        return new WidthRange(width.of(input.min()), width.of(input.max()));
    }

    @Override
    public FittedTransform bind(int inputWidth) {
        return new Bound(this, inputWidth);
    }

    @Override
    public FittedTransform restore(FittedState state) {
        return bind(state.inputWidth());
    }

    /** The formula for one input width. */
    public record Bound(FormulaStep step, int inputWidth) implements FittedTransform {
        @Override
        public int outputWidth() {
            return (int) step.width.of(inputWidth);
        }

        @Override
        public void apply(double[] in, int inOffset, double[] out, int outOffset) {
            step.formula.apply(in, inOffset, inputWidth, out, outOffset);
        }

        @Override
        public FittedState state() {
            return new FittedState(step.name, step.sklearnClass, inputWidth, outputWidth(), step.params);
        }
    }
}
