package io.shape.domain.transform.steps;

import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Pipeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Specs scikit-learn would refuse are refused with a message naming step, class and parameter. */
class InvalidSpecTest {
    private static String refusal(String cls, Map<String, Object> params) {
        PipelineSpec spec = new PipelineSpec(List.of(new StepSpec("qtransf", cls, params)), "m.pkl", Optional.empty());
        return assertThrows(InvalidSpecException.class, () -> Pipeline.of(spec)).getMessage();
    }

    @Test
    void unknownClass() {
        assertEquals("step 'qtransf': unknown scikit-learn class 'TruncatedSVD'; shape supports KBinsDiscretizer, MaxAbsScaler, "
                + "MinMaxScaler, Normalizer, OneHotEncoder, OrdinalEncoder, PolynomialFeatures, QuantileTransformer, RobustScaler, SimpleImputer, StandardScaler",
                refusal("TruncatedSVD", Map.of()));
    }

    @Test
    void classesAppliedOnlyAsPickledAreRefusedSayingSo() {
        for (String cls : List.of("PCA", "PowerTransformer")) {
            assertEquals("step 'qtransf': " + cls + " is applied only as pickled in a fitted Pipeline (--model), not "
                    + "fitted from a spec, as its fit is not reproduced to scikit-learn's bits; fit the Pipeline in "
                    + "Python and pickle it", refusal(cls, Map.of()));
        }
    }

    @Test
    void unknownParameter() {
        assertEquals("step 'qtransf' (StandardScaler): parameter 'with_means' is not a parameter of StandardScaler; "
                + "it accepts copy, with_mean, with_std", refusal("StandardScaler", Map.of("with_means", true)));
    }

    @Test
    void wrongParameterType() {
        assertEquals("step 'qtransf' (PolynomialFeatures): parameter 'degree' must be a non-negative int or a list "
                + "[min_degree, max_degree] with 0 <= min_degree <= max_degree, got 'two'",
                refusal("PolynomialFeatures", Map.of("degree", "two")));
        assertEquals("step 'qtransf' (StandardScaler): parameter 'with_std' must be a boolean (true or false), got 1",
                refusal("StandardScaler", Map.of("with_std", 1L)));
        assertEquals("step 'qtransf' (QuantileTransformer): parameter 'n_quantiles' must be an int in [1, inf), "
                + "got 10.0", refusal("QuantileTransformer", Map.of("n_quantiles", 10.0)));
    }

    @Test
    void degreeZero() {
        assertEquals("step 'qtransf' (PolynomialFeatures): parameter 'degree' must be at least 1: degree 0 would "
                + "output only the constant bias column", refusal("PolynomialFeatures", Map.of("degree", 0L)));
    }

    @Test
    void zeroQuantiles() {
        assertEquals("step 'qtransf' (QuantileTransformer): parameter 'n_quantiles' must be an int in [1, inf), got 0",
                refusal("QuantileTransformer", Map.of("n_quantiles", 0L)));
    }

    @Test
    void unknownOutputDistribution() {
        assertEquals("step 'qtransf' (QuantileTransformer): parameter 'output_distribution' must be one of "
                + "'uniform', 'normal', got 'gaussian'",
                refusal("QuantileTransformer", Map.of("output_distribution", "gaussian")));
    }

    @Test
    void moreQuantilesThanSubsample() {
        assertEquals("step 'qtransf' (QuantileTransformer): parameter 'n_quantiles' cannot be greater than "
                + "subsample: got 2000 quantiles and 1000 samples",
                refusal("QuantileTransformer", Map.of("n_quantiles", 2000L, "subsample", 1000L)));
    }

    @Test
    void sparseOnlyAndUnsupportedOptions() {
        assertEquals("step 'qtransf' (QuantileTransformer): parameter 'ignore_implicit_zeros' must be false: it only "
                + "applies to sparse matrices, and shape transforms dense rows",
                refusal("QuantileTransformer", Map.of("ignore_implicit_zeros", true)));
        assertEquals("step 'qtransf' (SimpleImputer): parameter 'add_indicator' must be false: shape does not add "
                + "missing-indicator columns", refusal("SimpleImputer", Map.of("add_indicator", true)));
        assertEquals("step 'qtransf' (MinMaxScaler): parameter 'feature_range' must have its minimum smaller than "
                + "its maximum, got [1, 0]", refusal("MinMaxScaler", Map.of("feature_range", List.of(1L, 0L))));
        assertEquals("step 'qtransf' (RobustScaler): parameter 'quantile_range' must satisfy 0 <= min <= max <= 100, "
                + "got [10.0, 120.0]", refusal("RobustScaler", Map.of("quantile_range", List.of(10.0, 120.0))));
    }

    @Test
    void emptyPipeline() {
        PipelineSpec spec = new PipelineSpec(List.of(), "m.pkl", Optional.empty());
        assertEquals("the pipeline has no steps: add at least one preprocessing step before \"model\"",
                assertThrows(InvalidSpecException.class, () -> Pipeline.of(spec)).getMessage());
    }

    @Test
    void paramsListEveryEffectiveValue() {
        PipelineSpec spec = new PipelineSpec(List.of(new StepSpec("q", "QuantileTransformer",
                Map.of("output_distribution", "normal"))), "m.pkl", Optional.empty());
        Map<String, Object> params = Pipeline.of(spec).steps().get(0).params();
        assertEquals(List.of("n_quantiles", "output_distribution", "ignore_implicit_zeros", "subsample",
                "random_state", "copy"), List.copyOf(params.keySet()));
        assertEquals(1000L, params.get("n_quantiles"));
        assertEquals(10_000L, params.get("subsample"));
        assertEquals(null, params.get("random_state"));
    }

    @Test
    void clipBoundsAreScipysValues() {
        // scipy: norm.ppf(1e-7 - eps) and norm.ppf(1 - (1e-7 - eps)); the seed's bias column takes the first
        assertEquals(-5.1993375826055750, QuantileTransform.CLIP_MIN, 0.0);
        assertEquals(5.19933758270342, QuantileTransform.CLIP_MAX, 0.0);
    }
}
