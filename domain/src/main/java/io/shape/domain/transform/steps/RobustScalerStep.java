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
 * scikit-learn's {@code RobustScaler}: subtract the column median, divide by the interquantile range
 * ({@code np.nanpercentile} over all rows), optionally normalised to unit variance of a normal.
 */
public record RobustScalerStep(String name, boolean withCentering, boolean withScaling, double qMin, double qMax,
                               boolean unitVariance, Map<String, Object> params)
        implements StatefulStep {
    public static final String CLASS = "RobustScaler";

    public static RobustScalerStep of(StepSpec spec) {
        Params p = new Params(spec, "with_centering", "with_scaling", "quantile_range", "copy", "unit_variance");
        boolean centering = p.bool("with_centering", true);
        boolean scaling = p.bool("with_scaling", true);
        double[] range = p.pair("quantile_range", 25.0, 75.0);
        if (!(0 <= range[0] && range[0] <= range[1] && range[1] <= 100)) {
            throw p.problem("quantile_range", "must satisfy 0 <= min <= max <= 100, got "
                    + Params.show(p.raw("quantile_range")));
        }
        p.bool("copy", true);
        boolean unitVariance = p.bool("unit_variance", false);
        return new RobustScalerStep(spec.name(), centering, scaling, range[0], range[1], unitVariance, p.effective());
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
        return new ColumnValues(this::fitValues, name, CLASS, inputWidth);
    }

    private FitProgress fitValues(ColumnValues.Sorted columns) {
        double[][] sorted = columns.sorted();
        int[] counts = columns.counts();
        long rows = columns.rows();
        int w = counts.length;
        double[] center = null;
        double[] scale = null;
        if (withCentering) {
            center = new double[w];
            for (int j = 0; j < w; j++) {
                center[j] = ColumnValues.median(sorted[j], counts[j]);
            }
        }
        if (withScaling) {
            double[] iqr = new double[w];
            for (int j = 0; j < w; j++) {
                iqr[j] = Numpy.percentile(sorted[j], counts[j], qMax) - Numpy.percentile(sorted[j], counts[j], qMin);
            }
            scale = Scales.handleZeros(iqr);
            if (unitVariance) {
                double adjust = Ndtri.ndtri(qMax / 100.0) - Ndtri.ndtri(qMin / 100.0);
                for (int j = 0; j < w; j++) {
                    scale[j] = scale[j] / adjust;
                }
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        if (center != null) {
            a.put("center_", center);
        }
        if (scale != null) {
            a.put("scale_", scale);
        }
        a.put("n_features_in_", (long) w);
        return new FitProgress.Fitted(new CenterScaleTransform(name, CLASS, w, center, scale, a));
    }

    @Override
    public FittedTransform restore(FittedState state) {
        SavedState s = new SavedState(state, CLASS);
        return new CenterScaleTransform(name, CLASS, state.inputWidth(),
                withCentering ? s.vector("center_") : null, withScaling ? s.vector("scale_") : null,
                Map.copyOf(state.attributes()));
    }
}
