package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.WidthRange;

import java.util.LinkedHashMap;
import java.util.Map;

/** scikit-learn's {@code MinMaxScaler}: {@code x * scale_ + min_}, optionally clipped to the feature range. */
public record MinMaxScalerStep(String name, double rangeMin, double rangeMax, boolean clip,
                               Map<String, Object> params) implements StatefulStep {
    public static final String CLASS = "MinMaxScaler";

    public static MinMaxScalerStep of(StepSpec spec) {
        Params p = new Params(spec, "feature_range", "copy", "clip");
        double[] range = p.pair("feature_range", 0, 1);
        if (!(range[0] < range[1])) {
            throw p.problem("feature_range", "must have its minimum smaller than its maximum, got "
                    + Params.show(p.raw("feature_range")));
        }
        p.bool("copy", true);
        boolean clip = p.bool("clip", false);
        return new MinMaxScalerStep(spec.name(), range[0], range[1], clip, p.effective());
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
        return new ColumnRanges(this::fitRanges, inputWidth);
    }

    private FitProgress fitRanges(ColumnRanges.Extremes columns) {
        double[] dataMin = columns.min();
        double[] dataMax = columns.max();
        long rows = columns.rows();
        int w = dataMin.length;
        double[] range = new double[w];
        for (int j = 0; j < w; j++) {
            range[j] = dataMax[j] - dataMin[j];
        }
        double[] safe = Scales.handleZeros(range);
        double[] scale = new double[w];
        double[] min = new double[w];
        for (int j = 0; j < w; j++) {
            scale[j] = (rangeMax - rangeMin) / safe[j];
            min[j] = rangeMin - dataMin[j] * scale[j];
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("min_", min);
        a.put("scale_", scale);
        a.put("data_min_", dataMin);
        a.put("data_max_", dataMax);
        a.put("data_range_", range);
        a.put("n_samples_seen_", rows);
        a.put("n_features_in_", (long) w);
        return new FitProgress.Fitted(new Transform(this, scale, min, a));
    }

    @Override
    public FittedTransform restore(FittedState state) {
        SavedState s = new SavedState(state, CLASS);
        return new Transform(this, s.vector("scale_"), s.vector("min_"), Map.copyOf(state.attributes()));
    }

    /** The fitted MinMaxScaler. */
    private static final class Transform extends ColumnwiseTransform {
        private static final long serialVersionUID = 1L;
        private final MinMaxScalerStep step;
        private final double[] scale;
        private final double[] min;

        Transform(MinMaxScalerStep step, double[] scale, double[] min, Map<String, Object> attributes) {
            super(step.name(), CLASS, scale.length, attributes);
            this.step = step;
            this.scale = scale.clone();
            this.min = min.clone();
        }

        @Override
        public void apply(double[] in, int inOffset, double[] out, int outOffset) {
            double lo = step.rangeMin;
            double hi = step.rangeMax;
            boolean clip = step.clip;
            for (int j = 0; j < scale.length; j++) {
                double v = in[inOffset + j] * scale[j] + min[j];
                if (clip) {
                    v = v < lo ? lo : (v > hi ? hi : v);
                }
                out[outOffset + j] = v;
            }
        }
    }
}
