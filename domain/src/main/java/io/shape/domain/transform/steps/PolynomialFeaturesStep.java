package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.WidthPlan;
import io.shape.domain.transform.WidthRange;

import java.util.List;
import java.util.Map;

/** scikit-learn's {@code PolynomialFeatures}: bias, then every monomial by degree, in scikit-learn's order. */
public record PolynomialFeaturesStep(String name, int minDegree, int maxDegree, boolean interactionOnly,
                                     boolean includeBias, Map<String, Object> params) implements StatelessStep {
    public static final String CLASS = "PolynomialFeatures";

    /** Validates the spec as scikit-learn's constructor and fit would. */
    public static PolynomialFeaturesStep of(StepSpec spec) {
        Params p = new Params(spec, "degree", "interaction_only", "include_bias", "order");
        Object degree = p.given("degree") ? p.raw("degree") : Long.valueOf(2);
        int min;
        int max;
        if (degree instanceof Long d) {
            if (d < 0 || d > 1000) {
                throw p.problem("degree", "must be an int in [0, 1000] or a list [min_degree, max_degree], got " + d);
            }
            min = 0;
            max = d.intValue();
        } else if (degree instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Long a
                && l.get(1) instanceof Long b && a >= 0 && a <= b && b <= 1000) {
            min = a.intValue();
            max = b.intValue();
        } else {
            throw p.problem("degree", "must be a non-negative int or a list [min_degree, max_degree] with "
                    + "0 <= min_degree <= max_degree, got " + Params.show(degree));
        }
        if (max == 0) {
            throw p.problem("degree", "must be at least 1: degree 0 would output only the constant bias column");
        }
        p.record("degree", degree);
        boolean interactionOnly = p.bool("interaction_only", false);
        boolean includeBias = p.bool("include_bias", true);
        // Row-major or column-major output holds the same values; the engine decides the layout.
        p.option("order", "C", "C", "F");
        return new PolynomialFeaturesStep(spec.name(), min, max, interactionOnly, includeBias, p.effective());
    }

    @Override
    public String sklearnClass() {
        return CLASS;
    }

    @Override
    public WidthRange outputWidths(WidthRange input) {
        return new WidthRange(columns(input.min()), columns(input.max()));
    }

    /**
     * Counts before it lists: a width past {@link WidthPlan#MAX_COLUMNS} is refused here too, for callers that
     * bind without checking the plan (a saved state names its own input width).
     */
    @Override
    public FittedTransform bind(int inputWidth) {
        long columns = columns(inputWidth);
        if (columns > WidthPlan.MAX_COLUMNS) {
            throw io.shape.domain.ShapeException.invalidInput(String.format(java.util.Locale.ROOT,
                    "step '%s' (%s) would output %,d columns from %d inputs, more than the %,d shape allows",
                    name, CLASS, columns, inputWidth, WidthPlan.MAX_COLUMNS));
        }
        return new PolynomialTransform(name, inputWidth, MonomialPlan.of(inputWidth, minDegree, maxDegree,
                interactionOnly, includeBias));
    }

    private long columns(long inputWidth) {
        return MonomialCount.of(inputWidth, minDegree, maxDegree, interactionOnly, includeBias);
    }

    @Override
    public FittedTransform restore(FittedState state) {
        new SavedState(state, CLASS);
        FittedTransform t = bind(state.inputWidth());
        if (t.outputWidth() != state.outputWidth()) {
            throw io.shape.domain.ShapeException.invalidInput("saved state of step '" + name + "' has "
                    + state.outputWidth() + " output columns but the spec gives " + t.outputWidth()
                    + "; refit the pipeline");
        }
        return t;
    }
}
