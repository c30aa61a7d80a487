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
 * scikit-learn's {@code OrdinalEncoder} fitted from a spec on the run's numbers and texts: each value becomes the
 * index of its category among the column's sorted distinct values (texts in code-point order, then None; infrequent
 * ones grouped last), a NaN becomes
 * {@code encoded_missing_value} (NaN by default, which then reaches the next step as a missing value).
 */
public record OrdinalEncoderStep(String name, EncoderFit.Ordinal options, Map<String, Object> params)
        implements StatefulStep {
    public static final String CLASS = "OrdinalEncoder";

    public static OrdinalEncoderStep of(StepSpec spec) {
        Params p = new Params(spec, "categories", "dtype", "handle_unknown", "unknown_value", "encoded_missing_value",
                "min_frequency", "max_categories");
        EncoderFit.Infrequent infrequent = EncoderParams.read(p);
        boolean useEncodedValue = p.option("handle_unknown", "error", "error", "use_encoded_value")
                .equals("use_encoded_value");
        Double unknown = EncoderParams.integerOrNan(p, "unknown_value", null, true);
        if (useEncodedValue && unknown == null) {
            throw p.problem("unknown_value", "must be an int or \"NaN\" when handle_unknown is 'use_encoded_value'");
        }
        if (!useEncodedValue && unknown != null) {
            throw p.problem("unknown_value", "may be set only when handle_unknown is 'use_encoded_value'");
        }
        double missing = EncoderParams.integerOrNan(p, "encoded_missing_value", Double.NaN, false);
        return new OrdinalEncoderStep(spec.name(), new EncoderFit.Ordinal(useEncodedValue,
                unknown == null ? Double.NaN : unknown, missing, infrequent), p.effective());
    }

    @Override
    public String sklearnClass() {
        return CLASS;
    }

    /** One output column per input column. */
    @Override
    public WidthRange outputWidths(WidthRange input) {
        return input;
    }

    @Override
    public Accumulator startFit(int inputWidth) {
        return startFit(io.shape.domain.transform.encode.Encoders.names(null, inputWidth),
                ColumnPlan.numbers(inputWidth));
    }

    @Override
    public Accumulator startFit(List<String> inputs, ColumnPlan table) {
        return new CategoryTally(name, CLASS, inputs, EncoderParams.MAX_CATEGORIES_PER_COLUMN,
                (long) inputs.size() * EncoderParams.MAX_CATEGORIES_PER_COLUMN, this::fit,
                EncoderParams.textCodes(table, inputs.size()));
    }

    @Override
    public Optional<TextSurvey> textSurvey(List<String> features) {
        return Optional.of(new TextSurvey(name, CLASS, features, EncoderParams.MAX_CATEGORIES_PER_COLUMN));
    }

    private FitProgress fit(CategoryTally.Counts counts) {
        return new FitProgress.Fitted(EncoderFit.ordinal(name, counts, options));
    }

    /** NaN goes on where the encoder writes it: a NaN encoded_missing_value (the default) or unknown_value. */
    @Override
    public boolean[] missingAfter(boolean[] in) {
        boolean nan = Double.isNaN(options.encodedMissingValue())
                || options.useEncodedValue() && Double.isNaN(options.unknownValue());
        return new boolean[] {io.shape.domain.transform.FittedTransform.anyOf(in) && nan};
    }

    @Override
    public FittedTransform restore(FittedState state) {
        new SavedState(state, CLASS);
        return EncoderFit.restoreOrdinal(state, options);
    }
}
