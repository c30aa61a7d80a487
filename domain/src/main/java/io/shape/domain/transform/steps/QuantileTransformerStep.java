package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.Map;

/**
 * scikit-learn's {@code QuantileTransformer} (dense): maps each feature through its empirical CDF, then
 * optionally through the normal quantile function.
 *
 * <p>Beyond {@code subsample} rows scikit-learn fits on a random subsample that only numpy's generator can
 * reproduce; shape instead keeps the {@code subsample} rows with the smallest {@link RowSample#hash} of
 * (seed, row position), which any engine and partitioning yields identically. With {@code random_state}
 * null the seed is {@link #DEFAULT_SEED}. Up to {@code subsample} rows the fit equals scikit-learn's.
 */
public record QuantileTransformerStep(String name, int nQuantiles, boolean normal, Long subsample, long seed,
                                      Map<String, Object> params) implements StatefulStep {
    public static final String CLASS = "QuantileTransformer";
    /** The sampling seed when the spec's {@code random_state} is null. */
    public static final long DEFAULT_SEED = 0L;
    /** Rows × columns held in memory when {@code subsample} is null (no subsampling). */
    static final long UNSAMPLED_VALUE_CAP = 50_000_000L;
    /** The largest sample (rows) or number of quantiles a Java array holds. */
    static final long MAX_ROWS_IN_MEMORY = Integer.MAX_VALUE - 8;

    /** Validates the spec as scikit-learn's {@code _parameter_constraints} and {@code fit} would. */
    public static QuantileTransformerStep of(StepSpec spec) {
        Params p = new Params(spec, "n_quantiles", "output_distribution", "ignore_implicit_zeros", "subsample",
                "random_state", "copy");
        long nQuantiles = p.integer("n_quantiles", 1000, 1, Long.MAX_VALUE);
        if (nQuantiles > MAX_ROWS_IN_MEMORY) {
            throw p.problem("n_quantiles", "must be at most " + MAX_ROWS_IN_MEMORY + ", got " + nQuantiles);
        }
        String distribution = p.option("output_distribution", "uniform", "uniform", "normal");
        if (p.bool("ignore_implicit_zeros", false)) {
            throw p.problem("ignore_implicit_zeros", "must be false: it only applies to sparse matrices, and "
                    + "shape transforms dense rows");
        }
        Long subsample = p.optionalInteger("subsample", 10_000L, 1, Long.MAX_VALUE);
        if (subsample != null && subsample > MAX_ROWS_IN_MEMORY) {
            throw p.problem("subsample", "must be at most " + MAX_ROWS_IN_MEMORY + " (the sample is held in memory), "
                    + "got " + subsample);
        }
        if (subsample != null && nQuantiles > subsample) {
            throw p.problem("n_quantiles", "cannot be greater than subsample: got " + nQuantiles
                    + " quantiles and " + subsample + " samples");
        }
        Long randomState = p.optionalInteger("random_state", null, 0, 4_294_967_295L);
        p.bool("copy", true);
        return new QuantileTransformerStep(spec.name(), (int) nQuantiles, distribution.equals("normal"),
                subsample, randomState == null ? DEFAULT_SEED : randomState, p.effective());
    }

    /** One output column per input column. */
    @Override
    public WidthRange outputWidths(WidthRange input) {
        return input;
    }

    @Override
    public String sklearnClass() {
        return CLASS;
    }

    @Override
    public Accumulator startFit(int inputWidth) {
        long cap = subsample != null ? subsample : Math.max(1, UNSAMPLED_VALUE_CAP / Math.max(1, inputWidth));
        return new RowSample(this, inputWidth, (int) Math.min(cap, Integer.MAX_VALUE - 8), subsample == null, seed);
    }

    @Override
    public FittedTransform restore(FittedState state) {
        SavedState s = new SavedState(state, CLASS);
        return new QuantileTransform(this, s.matrix("quantiles_"), s.vector("references_"),
                Map.copyOf(state.attributes()));
    }
}
