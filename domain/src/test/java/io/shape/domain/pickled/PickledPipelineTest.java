package io.shape.domain.pickled;

import io.shape.domain.ShapeException;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.testing.WeightedSumModel;
import io.shape.domain.transform.FrozenStep;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which columns a pickled pipeline scores, and how its frozen steps join a spec's. */
class PickledPipelineTest {
    private static final List<String> NAMES = List.of("temp", "pressure");

    private static FrozenStep scaler(String path, int width) {
        double[] mean = new double[width];
        double[] scale = new double[width];
        java.util.Arrays.fill(scale, 2.0);
        mean[0] = 1.0;
        return FrozenStep.of(path, "StandardScaler", Map.of("with_mean", true), width, width,
                Map.of("mean_", mean, "scale_", scale));
    }

    private static PickledPipeline named() {
        return new PickledPipeline(List.of(scaler("pre/scale", 2)), WeightedSumModel.detector(new double[] {1, 1}, 0),
                NAMES);
    }

    private static PickledPipeline unnamed() {
        return new PickledPipeline(List.of(scaler("scale", 2)), WeightedSumModel.detector(new double[] {1, 1}, 0),
                List.of());
    }

    @Test
    void aPickleFittedOnATableScoresItsColumnsByName() {
        Pipeline p = named().scoredAfter(Optional.empty(), List.of(), "model file m.pkl");
        assertEquals(NAMES, p.features());
        assertEquals(List.of("pre/scale"), p.steps().stream().map(Step::name).toList());
        p.widths().requireFits(named().estimator());
    }

    @Test
    void theFrozenStepAppliesItsPickledValues() {
        double[] out = new double[2];
        scaler("s", 2).bind(2).apply(new double[] {5, 6}, 0, out, 0);
        assertArrayEquals(new double[] {2, 3}, out);
    }

    @Test
    void columnsThatContradictTheModelsNamesAreRefused() {
        assertEquals(NAMES, named().scoredAfter(Optional.empty(), NAMES, "model file m.pkl").features());
        ShapeException e = assertThrows(ShapeException.class,
                () -> named().scoredAfter(Optional.empty(), List.of("pressure", "temp"), "model file m.pkl"));
        assertTrue(e.getMessage().contains("--features") && e.getMessage().contains("'temp'"), e.getMessage());
        PipelineSpec spec = new PipelineSpec(List.of(), "m.pkl", Optional.of(List.of("a", "b")));
        e = assertThrows(ShapeException.class, () -> named().scoredAfter(Optional.of(spec), List.of(), "model file m.pkl"));
        assertTrue(e.getMessage().contains("the spec's \"features\""), e.getMessage());
    }

    @Test
    void aPickleWithoutNamesNeedsTheColumnsNamed() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> unnamed().scoredAfter(Optional.empty(), List.of(), "model file m.pkl"));
        assertTrue(e.getMessage().startsWith("model file m.pkl: ") && e.getMessage().contains("--features a,b,c")
                && e.getMessage().contains("2 columns"), e.getMessage());
        assertEquals(List.of("x", "y"), unnamed().scoredAfter(Optional.empty(), List.of("x", "y"), "model file m.pkl").features());
    }

    @Test
    void specStepsRunFirstAndTheirColumnsAreTheSpecs() {
        PipelineSpec spec = new PipelineSpec(List.of(new StepSpec("poly", "PolynomialFeatures",
                Map.of("degree", 1L, "include_bias", false))), "m.pkl", Optional.of(List.of("u", "v")));
        Pipeline p = named().scoredAfter(Optional.of(spec), List.of(), "model file m.pkl");
        assertEquals(List.of("u", "v"), p.features(), "after spec steps the model's names are not the table's");
        assertEquals(List.of("poly", "pre/scale"), p.steps().stream().map(Step::name).toList());
    }

    /** The original job: a spec's steps fitted on the data, then a bare estimator; a spec without steps is refused. */
    @Test
    void aBareEstimatorAfterASpecIsTheSpecsPipeline() {
        PickledPipeline bare = PickledPipeline.of(WeightedSumModel.detector(new double[] {1, 1, 1}, 0));
        PipelineSpec spec = new PipelineSpec(List.of(new StepSpec("scale", "StandardScaler", Map.of())), "m.pkl",
                Optional.empty());
        Pipeline p = bare.scoredAfter(Optional.of(spec), List.of(), "model file m.pkl");
        assertEquals(PipelineSpec.DEFAULT_FEATURES, p.features());
        assertEquals(List.of("scale"), p.steps().stream().map(Step::name).toList());
        PipelineSpec empty = new PipelineSpec(List.of(), "m.pkl", Optional.empty());
        assertThrows(ShapeException.class, () -> bare.scoredAfter(Optional.of(empty), List.of(), "model file m.pkl"));
    }

    @Test
    void aFrozenStepGivenAnotherWidthIsRefusedBeforeAnyRowIsRead() {
        Pipeline p = unnamed().scoredAfter(Optional.empty(), List.of("a", "b", "c"), "model file m.pkl");
        ShapeException e = assertThrows(ShapeException.class, () -> p.widths().requireFits(unnamed().estimator()));
        assertTrue(e.getMessage().contains("step 'scale' (StandardScaler) was fitted on 2 columns but the pipeline "
                + "gives it 3"), e.getMessage());
        assertThrows(ShapeException.class, () -> p.steps().get(0).fittedInputWidth().ifPresent(w -> {
            ((FrozenStep) p.steps().get(0)).bind(w + 1);
        }));
    }
}
