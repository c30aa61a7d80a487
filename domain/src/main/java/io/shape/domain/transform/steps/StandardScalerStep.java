package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.WidthRange;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * scikit-learn's {@code StandardScaler}: mean and population variance as numpy computes them in one
 * {@code partial_fit} (a sum pass, then a corrected second pass), near-constant features scaled by 1.
 */
public record StandardScalerStep(String name, boolean withMean, boolean withStd, Map<String, Object> params)
        implements StatefulStep {
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
        return new ColumnSums(this::fitMeans, inputWidth);
    }

    /** The first pass's sums give the means; the variance takes a second pass over the deviations. */
    private FitProgress fitMeans(ColumnSums.Totals totals) {
        double[] mean = ColumnSums.means(totals.sum(), totals.count());
        if (!withStd) {
            return new FitProgress.Fitted(fitted(mean, null, totals.count()));
        }
        return new FitProgress.NextPass(new Deviations(this, mean, totals.count()));
    }

    /** The fitted scaler from the moments, with scikit-learn's attributes. */
    CenterScaleTransform fitted(double[] mean, double[] var, long[] count) {
        int w = mean.length;
        Map<String, Object> attributes = new LinkedHashMap<>();
        boolean sameCount = Arrays.stream(count).distinct().count() <= 1;
        Object seen = sameCount ? (Object) (w == 0 ? 0L : count[0])
                : Arrays.stream(count).asDoubleStream().toArray();
        double[] scale = null;
        if (var != null) {
            scale = new double[w];
            double eps = Math.ulp(1.0);
            for (int j = 0; j < w; j++) {
                // _is_constant_feature: var <= n*eps*var + (n*mean*eps)^2, on the unrounded variance
                double n = count[j];
                double bound = n * eps * var[j] + (n * mean[j] * eps) * (n * mean[j] * eps);
                scale[j] = var[j] <= bound ? 1.0 : Math.sqrt(var[j]);
            }
        }
        boolean anyMoments = withMean || withStd;
        attributes.put("mean_", anyMoments ? mean : null);
        attributes.put("var_", var);
        attributes.put("scale_", scale);
        attributes.put("n_samples_seen_", seen);
        attributes.put("n_features_in_", (long) w);
        return new CenterScaleTransform(name, StandardScalerStep.CLASS, w, withMean ? mean : null,
                scale, withoutNulls(attributes));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        m.values().removeIf(java.util.Objects::isNull);
        return m;
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
