package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * scikit-learn's {@code SimpleImputer} for NaN: replaces NaN by the column's mean, median, most frequent
 * value or a constant. Like scikit-learn it drops columns that had no value at all during the fit
 * (unless {@code keep_empty_features}, which imputes 0 there), so the output width depends on the data.
 */
public record SimpleImputerStep(String name, String strategy, double fillValue, boolean keepEmptyFeatures,
                                Map<String, Object> params)
        implements StatefulStep {
    public static final String CLASS = "SimpleImputer";

    public static SimpleImputerStep of(StepSpec spec) {
        Params p = new Params(spec, "missing_values", "strategy", "fill_value", "copy", "add_indicator",
                "keep_empty_features");
        Object missing = p.raw("missing_values");
        if (p.given("missing_values") && !(missing instanceof String s && s.equalsIgnoreCase("nan"))) {
            throw p.problem("missing_values", "must be \"NaN\" (shape imputes NaN only; null cells are read as "
                    + "NaN), got " + Params.show(missing));
        }
        p.record("missing_values", "NaN");
        String strategy = p.option("strategy", "mean", "mean", "median", "most_frequent", "constant");
        double fill = 0;
        Object rawFill = p.raw("fill_value");
        if (rawFill != null) {
            if (!(rawFill instanceof Number)) {
                throw p.problem("fill_value", "must be a number when imputing numerical data, got "
                        + Params.show(rawFill));
            }
            fill = p.number("fill_value", 0);
        } else {
            p.record("fill_value", null);
        }
        p.bool("copy", true);
        if (p.bool("add_indicator", false)) {
            throw p.problem("add_indicator", "must be false: shape does not add missing-indicator columns");
        }
        boolean keepEmpty = p.bool("keep_empty_features", false);
        return new SimpleImputerStep(spec.name(), strategy, fill, keepEmpty, p.effective());
    }

    /**
     * The input width, or — where the fit drops columns that had no value (see {@link ImputeTransform}) —
     * anything from none of them to all: only the data can say.
     */
    @Override
    public WidthRange outputWidths(WidthRange input) {
        return dropsEmptyColumns() ? new WidthRange(0, input.max()) : input;
    }

    /** As scikit-learn: a column with no value during the fit has no statistic, and is dropped, unless one is given. */
    private boolean dropsEmptyColumns() {
        return !strategy.equals("constant") && !keepEmptyFeatures;
    }

    @Override
    public boolean imputesMissingValues() {
        return true;
    }

    @Override
    public String sklearnClass() {
        return CLASS;
    }

    @Override
    public Accumulator startFit(int inputWidth) {
        return switch (strategy) {
            case "mean", "constant" -> new ColumnSums(this::fitMeans, inputWidth);
            default -> new ColumnValues(this::fitValues, name, CLASS, inputWidth);
        };
    }

    private FitProgress fitMeans(ColumnSums.Totals totals) {
        double[] sum = totals.sum();
        long[] count = totals.count();
        int w = sum.length;
        double[] statistics = new double[w];
        if (strategy.equals("constant")) {
            java.util.Arrays.fill(statistics, fillValue);
        } else {
            double[] mean = ColumnSums.means(sum, count);
            for (int j = 0; j < w; j++) {
                statistics[j] = count[j] == 0 ? (keepEmptyFeatures ? 0 : Double.NaN) : mean[j];
            }
        }
        return new FitProgress.Fitted(fitted(statistics));
    }

    private FitProgress fitValues(ColumnValues.Sorted columns) {
        double[][] sorted = columns.sorted();
        int[] counts = columns.counts();
        double[] statistics = new double[counts.length];
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                statistics[j] = keepEmptyFeatures ? 0 : Double.NaN;
            } else {
                statistics[j] = strategy.equals("median") ? ColumnValues.median(sorted[j], counts[j])
                        : ColumnValues.mostFrequent(sorted[j], counts[j]);
            }
        }
        return new FitProgress.Fitted(fitted(statistics));
    }

    private FittedTransform fitted(double[] statistics) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("statistics_", statistics);
        a.put("n_features_in_", (long) statistics.length);
        return new ImputeTransform(name, statistics, dropsEmptyColumns(), a);
    }

    @Override
    public FittedTransform restore(FittedState state) {
        SavedState s = new SavedState(state, CLASS);
        double[] statistics = s.vector("statistics_");
        return new ImputeTransform(name, statistics, dropsEmptyColumns(),
                Map.copyOf(state.attributes()));
    }
}
