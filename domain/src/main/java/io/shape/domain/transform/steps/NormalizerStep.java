package io.shape.domain.transform.steps;

import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.WidthRange;
import io.shape.domain.transform.numeric.NumericTransformers;

import java.util.Map;

/**
 * scikit-learn's {@code Normalizer} as a spec step: fitting learns nothing (only {@code n_features_in_}), so it is
 * stateless here, each row divided by its l1, l2 or max norm exactly as a pickled one is applied.
 */
public record NormalizerStep(String name, String norm, Map<String, Object> params) implements StatelessStep {
    public static final String CLASS = "Normalizer";

    public static NormalizerStep of(StepSpec spec) {
        Params p = new Params(spec, "norm", "copy");
        String norm = p.option("norm", "l2", "l1", "l2", "max");
        p.bool("copy", true);
        return new NormalizerStep(spec.name(), norm, p.effective());
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
    public FittedTransform bind(int inputWidth) {
        return NumericTransformers.normalizer(name, inputWidth, norm);
    }

    /** A saved state holds the norm it was bound with: another one means the spec changed since. */
    @Override
    public FittedTransform restore(FittedState state) {
        new SavedState(state, CLASS);
        Object saved = state.attributes().get("norm");
        if (!norm.equals(saved)) {
            throw io.shape.domain.ShapeException.invalidInput("saved state of step '" + name + "' has norm="
                    + saved + " but the spec gives norm=" + norm + "; refit the pipeline");
        }
        return bind(state.inputWidth());
    }
}
