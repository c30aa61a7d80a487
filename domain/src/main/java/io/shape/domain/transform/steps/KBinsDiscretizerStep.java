package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;
import io.shape.domain.transform.numeric.NumericTransformers;

import java.util.Arrays;
import java.util.Map;

/**
 * scikit-learn's {@code KBinsDiscretizer} fitted from a spec, for the strategies whose fit is reproduced to the bit:
 * {@code uniform} ({@code np.linspace(min, max, n_bins + 1)}) and {@code quantile} ({@code np.percentile} at
 * {@code np.linspace(0, 100, n_bins + 1)}, then edges closer than 1e-8 to the one before removed). A constant column
 * gets one bin, edges (-inf, inf). {@code kmeans} runs scikit-learn's KMeans and is applied only as pickled. Its fit on
 * more rows than {@code subsample} takes a random subsample (numpy's generator) shape does not draw: refused, unless
 * {@code subsample} is null.
 */
public record KBinsDiscretizerStep(String name, int nBins, String encode, boolean quantile, Long subsample,
                                   Map<String, Object> params) implements StatefulStep {
    public static final String CLASS = "KBinsDiscretizer";
    /** scikit-learn's bound on the width of a bin it keeps ({@code np.ediff1d(edges) > 1e-8}). */
    private static final double MIN_WIDTH = 1e-8;

    public static KBinsDiscretizerStep of(StepSpec spec) {
        Params p = new Params(spec, "n_bins", "encode", "strategy", "dtype", "subsample", "random_state");
        int nBins = (int) p.integer("n_bins", 5, 2, 100_000);
        String encode = p.option("encode", "onehot", "onehot", "onehot-dense", "ordinal");
        if ("kmeans".equals(p.raw("strategy"))) {
            throw p.problem("strategy", "'kmeans' fits scikit-learn's KMeans, which shape does not reproduce to the "
                    + "bit; use 'uniform' or 'quantile', or apply a KBinsDiscretizer fitted in Python (a pickled "
                    + "Pipeline)");
        }
        boolean quantile = p.option("strategy", "quantile", "uniform", "quantile").equals("quantile");
        if (p.raw("dtype") != null) {
            throw p.problem("dtype", "must be null (the output is float64)");
        }
        p.record("dtype", null);
        Long subsample = p.optionalInteger("subsample", 200_000L, 1, Long.MAX_VALUE);
        p.optionalInteger("random_state", null, 0, 4_294_967_295L); // seeds only the subsample, refused when drawn
        return new KBinsDiscretizerStep(spec.name(), nBins, encode, quantile, subsample, p.effective());
    }

    @Override
    public String sklearnClass() {
        return CLASS;
    }

    /** Ordinal: a column per column; one-hot: 1 (a constant column) to n_bins columns per column. */
    @Override
    public WidthRange outputWidths(WidthRange input) {
        if (encode.equals("ordinal")) {
            return input;
        }
        long max = input.max() > WidthRange.SATURATED / nBins ? WidthRange.SATURATED : input.max() * nBins;
        return new WidthRange(input.min(), max);
    }

    @Override
    public Accumulator startFit(int inputWidth) {
        return quantile ? new ColumnValues(this::fitQuantiles, name, CLASS, inputWidth)
                : new ColumnRanges(this::fitUniform, inputWidth);
    }

    private FitProgress fitUniform(ColumnRanges.Extremes columns) {
        requireAllRows(columns.rows());
        double[][] inner = new double[columns.min().length][];
        for (int j = 0; j < inner.length; j++) {
            double min = columns.min()[j];
            double max = columns.max()[j];
            inner[j] = min == max ? new double[0] : inner(linspace(min, max, nBins + 1));
        }
        return new FitProgress.Fitted(NumericTransformers.bins(name, inner, encode));
    }

    private FitProgress fitQuantiles(ColumnValues.Sorted columns) {
        requireAllRows(columns.rows());
        double[] percents = linspace(0, 100, nBins + 1);
        double[][] inner = new double[columns.counts().length][];
        for (int j = 0; j < inner.length; j++) {
            double[] sorted = columns.sorted()[j];
            int n = columns.counts()[j];
            if (n == 0 || sorted[0] == sorted[n - 1]) {
                inner[j] = new double[0];
                continue;
            }
            double[] edges = new double[percents.length];
            for (int k = 0; k < edges.length; k++) {
                edges[k] = Numpy.percentile(sorted, n, percents[k]);
            }
            inner[j] = inner(wideEnough(edges));
        }
        return new FitProgress.Fitted(NumericTransformers.bins(name, inner, encode));
    }

    /** scikit-learn resamples when it has more rows than {@code subsample}: a draw shape cannot repeat. */
    private void requireAllRows(long rows) {
        if (subsample != null && rows > subsample) {
            throw ShapeException.invalidInput(String.format(java.util.Locale.ROOT, "step '%s' (%s) would be fitted "
                    + "on a random subsample of %,d of the %,d rows, as scikit-learn draws it; set \"subsample\": null "
                    + "to fit on every row", name, CLASS, subsample, rows));
        }
    }

    /**
     * {@code np.linspace(start, stop, num)}: i·step + start with step = (stop − start)/(num − 1), the last one exactly
     * stop; a step that underflows to 0 is i/(num − 1)·(stop − start), as numpy does for denormals.
     */
    static double[] linspace(double start, double stop, int num) {
        double delta = stop - start;
        int div = num - 1;
        double step = delta / div;
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            y[i] = (step == 0 ? i / (double) div * delta : i * step) + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** The edges kept: the first, and each one more than 1e-8 above the edge before it (kept or not). */
    private static double[] wideEnough(double[] edges) {
        double[] kept = new double[edges.length];
        int n = 0;
        for (int i = 0; i < edges.length; i++) {
            if (i == 0 || edges[i] - edges[i - 1] > MIN_WIDTH) {
                kept[n++] = edges[i];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private static double[] inner(double[] edges) {
        return Arrays.copyOfRange(edges, 1, edges.length - 1);
    }

    @Override
    public FittedTransform restore(FittedState state) {
        new SavedState(state, CLASS);
        if (!encode.equals(state.attributes().get("encode"))) {
            throw ShapeException.invalidInput("saved state of step '" + name + "' has encode="
                    + state.attributes().get("encode") + " but the spec gives encode=" + encode + "; refit the pipeline");
        }
        return NumericTransformers.bins(name, NumericTransformers.savedInnerEdges(state), encode);
    }
}
