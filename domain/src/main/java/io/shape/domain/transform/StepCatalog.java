package io.shape.domain.transform;

import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.steps.KBinsDiscretizerStep;
import io.shape.domain.transform.steps.MaxAbsScalerStep;
import io.shape.domain.transform.steps.MinMaxScalerStep;
import io.shape.domain.transform.steps.NormalizerStep;
import io.shape.domain.transform.steps.OneHotEncoderStep;
import io.shape.domain.transform.steps.OrdinalEncoderStep;
import io.shape.domain.transform.steps.PolynomialFeaturesStep;
import io.shape.domain.transform.steps.QuantileTransformerStep;
import io.shape.domain.transform.steps.RobustScalerStep;
import io.shape.domain.transform.steps.SimpleImputerStep;
import io.shape.domain.transform.steps.StandardScalerStep;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The scikit-learn transformers shape implements, by class name (never by step name). */
final class StepCatalog {
    private static final Map<String, Function<StepSpec, Step>> BY_CLASS = new TreeMap<>(Map.ofEntries(
            Map.entry(PolynomialFeaturesStep.CLASS, PolynomialFeaturesStep::of),
            Map.entry(QuantileTransformerStep.CLASS, QuantileTransformerStep::of),
            Map.entry(StandardScalerStep.CLASS, StandardScalerStep::of),
            Map.entry(MinMaxScalerStep.CLASS, MinMaxScalerStep::of),
            Map.entry(MaxAbsScalerStep.CLASS, MaxAbsScalerStep::of),
            Map.entry(RobustScalerStep.CLASS, RobustScalerStep::of),
            Map.entry(SimpleImputerStep.CLASS, SimpleImputerStep::of),
            Map.entry(NormalizerStep.CLASS, NormalizerStep::of),
            Map.entry(KBinsDiscretizerStep.CLASS, KBinsDiscretizerStep::of),
            Map.entry(OneHotEncoderStep.CLASS, OneHotEncoderStep::of),
            Map.entry(OrdinalEncoderStep.CLASS, OrdinalEncoderStep::of)));

    /**
     * Applied from a fitted Pipeline pickle only: their fit (LAPACK's SVD, scipy's Brent optimizer) is not reproduced
     * to the bit, so a spec may not fit them.
     */
    private static final java.util.Set<String> PICKLED_ONLY = java.util.Set.of("PCA", "PowerTransformer");

    private StepCatalog() {
    }

    static Step build(StepSpec spec) {
        Function<StepSpec, Step> factory = BY_CLASS.get(spec.sklearnClass());
        if (factory == null && PICKLED_ONLY.contains(spec.sklearnClass())) {
            throw new InvalidSpecException("step '" + spec.name() + "': " + spec.sklearnClass() + " is applied only as "
                    + "pickled in a fitted Pipeline (--model), not fitted from a spec, as its fit is not reproduced to "
                    + "scikit-learn's bits; fit the Pipeline in Python and pickle it");
        }
        if (factory == null) {
            throw new InvalidSpecException("step '" + spec.name() + "': unknown scikit-learn class '"
                    + spec.sklearnClass() + "'; shape supports " + String.join(", ", BY_CLASS.keySet()));
        }
        return factory.apply(spec);
    }
}
