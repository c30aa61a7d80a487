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

/** scikit-learn's {@code MaxAbsScaler}: {@code x / max|x|} per column. */
public record MaxAbsScalerStep(String name, Map<String, Object> params) implements StatefulStep {
    public static final String CLASS = "MaxAbsScaler";

    public static MaxAbsScalerStep of(StepSpec spec) {
        Params p = new Params(spec, "copy");
        p.bool("copy", true);
        return new MaxAbsScalerStep(spec.name(), p.effective());
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
        double[] min = columns.min();
        double[] max = columns.max();
        int w = min.length;
        double[] maxAbs = new double[w];
        for (int j = 0; j < w; j++) {
            maxAbs[j] = Numpy.maximum(Math.abs(min[j]), Math.abs(max[j]));
        }
        double[] scale = Scales.handleZeros(maxAbs);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("scale_", scale);
        a.put("max_abs_", maxAbs);
        a.put("n_samples_seen_", columns.rows());
        a.put("n_features_in_", (long) w);
        return new FitProgress.Fitted(new CenterScaleTransform(name, CLASS, w, null, scale, a));
    }

    @Override
    public FittedTransform restore(FittedState state) {
        SavedState s = new SavedState(state, CLASS);
        return new CenterScaleTransform(name, CLASS, state.inputWidth(), null, s.vector("scale_"),
                Map.copyOf(state.attributes()));
    }
}
