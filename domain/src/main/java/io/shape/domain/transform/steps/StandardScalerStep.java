package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.Map;

/**
 * scikit-learn's {@code StandardScaler}: mean and population variance as numpy computes them in one
 * {@code partial_fit} (a sum pass, then a corrected second pass), near-constant features scaled by 1.
 */
public record StandardScalerStep(String name, boolean withMean, boolean withStd, Map<String, Object> params)
        implements StatefulStep, ColumnSums.Fit {
    public static final String CLASS = "StandardScaler";

    public static StandardScalerStep of(StepSpec spec) {
        Params p = new Params(spec, "with_mean", "with_std", "copy");
        boolean withMean = p.bool("with_mean", true);
        boolean withStd = p.bool("with_std", true);
        p.bool("copy", true);
        return new StandardScalerStep(spec.name(), withMean, withStd, p.effective());
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
        return new ColumnSums(this, inputWidth);
    }

    @Override
    public FitProgress fit(double[] sum, long[] count, long rows) {
        double[] mean = ColumnSums.means(sum, count);
        if (!withStd) {
            return new FitProgress.Fitted(ColumnSums.fitted(this, mean, null, count));
        }
        return new FitProgress.NextPass(new Deviations(this, mean, count));
    }

    @Override
    public FittedTransform restore(FittedState state) {
        SavedState s = new SavedState(state, CLASS);
        return new CenterScaleTransform(name, CLASS, state.inputWidth(), withMean ? s.vector("mean_") : null,
                withStd ? s.vector("scale_") : null, Map.copyOf(nullable(state.attributes())));
    }

    private static Map<String, Object> nullable(Map<String, Object> m) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
