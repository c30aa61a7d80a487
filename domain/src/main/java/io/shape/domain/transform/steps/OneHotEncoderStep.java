package io.shape.domain.transform.steps;

import io.shape.domain.data.ColumnPlan;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;
import io.shape.domain.transform.encode.CategoryTally;
import io.shape.domain.transform.encode.EncoderFit;
import io.shape.domain.transform.encode.TextSurvey;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * scikit-learn's {@code OneHotEncoder} fitted from a spec on the run's numbers and texts: one pass counts each
 * column's distinct values ({@link CategoryTally}), from which {@link EncoderFit} decides the categories, the
 * infrequent ones and the dropped one as scikit-learn's fit does; a NaN is a category of its own. The output is
 * dense (a sparse one holds the same numbers, so {@code sparse_output} has no effect here).
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

    /**
     * null, "first", "if_binary", or one category per column: a number, "NaN" for the NaN category, a text of a
     * text column, or null for its None category.
     */
    private static Object drop(Params p) {
        Object drop = p.raw("drop");
        if (drop == null || "first".equals(drop) || "if_binary".equals(drop)) {
            p.record("drop", drop);
            return drop;
        }
        if (drop instanceof List<?> values && !values.isEmpty() && values.stream().allMatch(v -> v == null
                || v instanceof Number || v instanceof String)) {
            p.record("drop", java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values)));
            java.util.ArrayList<Object> categories = new java.util.ArrayList<>();
            for (Object v : values) {
                categories.add(v instanceof Number n ? (Object) n.doubleValue()
                        : v instanceof String s && s.equalsIgnoreCase("nan") ? (Object) Double.NaN : v);
            }
            return java.util.Collections.unmodifiableList(categories);
        }
        throw p.problem("drop", "must be null, \"first\", \"if_binary\" or a list of one category per column "
                + "(numbers, texts, \"NaN\" for the missing one, null for None), got " + Params.show(drop));
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
        return startFit(io.shape.domain.transform.encode.Encoders.names(null, inputWidth),
                ColumnPlan.numbers(inputWidth));
    }

    @Override
    public Accumulator startFit(List<String> inputs, ColumnPlan table) {
        return new CategoryTally(name, CLASS, inputs, EncoderParams.MAX_CATEGORIES_PER_COLUMN,
                EncoderParams.MAX_CATEGORIES, this::fit, EncoderParams.textCodes(table, inputs.size()));
    }

    @Override
    public Optional<TextSurvey> textSurvey(List<String> features) {
        return Optional.of(new TextSurvey(name, CLASS, features, EncoderParams.MAX_CATEGORIES_PER_COLUMN));
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
