package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;
import io.shape.domain.transform.encode.CategoryTally;
import io.shape.domain.transform.encode.EncoderFit;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's {@code OneHotEncoder} fitted from a spec on the run's numbers: one pass counts each column's
 * distinct values ({@link CategoryTally}), from which {@link EncoderFit} decides the categories, the infrequent
 * ones and the dropped one as scikit-learn's fit does; a NaN is a category of its own. The output is dense (a
 * sparse one holds the same numbers, so {@code sparse_output} has no effect here).
 */
public record OneHotEncoderStep(String name, EncoderFit.OneHot options, Map<String, Object> params)
        implements StatefulStep {
    public static final String CLASS = "OneHotEncoder";

    public static OneHotEncoderStep of(StepSpec spec) {
        Params p = new Params(spec, "categories", "drop", "sparse_output", "dtype", "handle_unknown", "min_frequency",
                "max_categories", "feature_name_combiner");
        EncoderFit.Infrequent infrequent = EncoderParams.read(p);
        String handleUnknown = p.option("handle_unknown", "error", "error", "ignore", "infrequent_if_exist", "warn");
        p.bool("sparse_output", true);
        p.option("feature_name_combiner", "concat", "concat");
        return new OneHotEncoderStep(spec.name(), new EncoderFit.OneHot(handleUnknown, drop(p), infrequent),
                p.effective());
    }

    /** null, "first", "if_binary", or one category per column (a number, or "NaN" for the NaN category). */
    private static Object drop(Params p) {
        Object drop = p.raw("drop");
        if (drop == null || "first".equals(drop) || "if_binary".equals(drop)) {
            p.record("drop", drop);
            return drop;
        }
        if (drop instanceof List<?> values && !values.isEmpty() && values.stream().allMatch(v -> v instanceof Number
                || v instanceof String s && s.equalsIgnoreCase("nan"))) {
            p.record("drop", List.copyOf(values));
            return values.stream().map(v -> v instanceof Number n ? n.doubleValue() : Double.NaN).toList();
        }
        throw p.problem("drop", "must be null, \"first\", \"if_binary\" or a list of one category per column "
                + "(numbers, \"NaN\" for the missing one), got " + Params.show(drop));
    }

    @Override
    public String sklearnClass() {
        return CLASS;
    }

    /**
     * One to {@code max_categories} columns per input column (none for a column whose single category is dropped),
     * and never more than the categories shape lets an encoder count ({@link EncoderParams#MAX_CATEGORIES}).
     */
    @Override
    public WidthRange outputWidths(WidthRange input) {
        long perColumn = options.infrequent().maxCategories() != null
                ? Math.min(options.infrequent().maxCategories(), EncoderParams.MAX_CATEGORIES_PER_COLUMN)
                : EncoderParams.MAX_CATEGORIES_PER_COLUMN;
        long max = input.max() > EncoderParams.MAX_CATEGORIES / perColumn ? EncoderParams.MAX_CATEGORIES
                : input.max() * perColumn;
        long min = options.drop() == null ? input.min() : 0;
        return new WidthRange(Math.min(min, max), max);
    }

    @Override
    public Accumulator startFit(int inputWidth) {
        return new CategoryTally(name, CLASS, inputWidth, EncoderParams.MAX_CATEGORIES_PER_COLUMN,
                EncoderParams.MAX_CATEGORIES, this::fit);
    }

    private FitProgress fit(CategoryTally.Counts counts) {
        return new FitProgress.Fitted(EncoderFit.oneHot(name, counts, options));
    }

    /** Every output is 0 or 1: NaN is one of the categories. */
    @Override
    public boolean[] missingAfter(boolean[] in) {
        return new boolean[] {false};
    }

    @Override
    public FittedTransform restore(FittedState state) {
        new SavedState(state, CLASS);
        return EncoderFit.restoreOneHot(state, options.handleUnknown());
    }
}
