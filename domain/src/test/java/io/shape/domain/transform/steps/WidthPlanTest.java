package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.WidthPlan;
import io.shape.domain.transform.WidthRange;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Widths from the spec alone: counted as scikit-learn counts them, overflow-safe, checked against the model. */
class WidthPlanTest {
    @Test
    void theSeedPipelineFeedsItsModel() {
        Pipeline seed = pipeline(poly("reduce_dim", 2), step("qtransf", "QuantileTransformer"),
                poly("poly_feature", 2), step("stdscaler", "StandardScaler"));
        assertEquals(List.of(exactly(10), exactly(10), exactly(66), exactly(66)), seed.widths().outputs());
        assertDoesNotThrow(() -> seed.widths().requireFits(model(66)));
        ShapeException e = assertThrows(ShapeException.class, () -> seed.widths().requireFits(model(65)));
        assertEquals("the TestModel model expects 65 features but the pipeline gives 66 columns (features 3 -> "
                + "reduce_dim (10) -> qtransf (10) -> poly_feature (66) -> stdscaler (66)); the spec's steps must "
                + "match the ones the model was trained after", e.getMessage());
    }

    @Test
    void anExplosionIsMeasuredAndRefusedWithoutListingAColumn() {
        Pipeline thrice = pipeline(poly("p1", 3), poly("p2", 3), poly("p3", 3));
        assertEquals(List.of(exactly(20), exactly(1771), exactly(928_912_524)), thrice.widths().outputs());
        ShapeException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ShapeException.class, () -> thrice.widths().requireFits(model(66))));
        assertTrue(e.getMessage().startsWith("step 'p3' (PolynomialFeatures) would output 928,912,524 columns, "
                + "more than the 1,000,000 shape allows"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the TestModel model expects 66 features"), e.getMessage());
    }

    @Test
    void countsSaturateInsteadOfOverflowing() {
        Pipeline absurd = pipeline(poly("a", 1000), poly("b", 1000), poly("c", 1000));
        List<WidthRange> widths = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> absurd.widths().outputs());
        assertEquals(List.of(exactly(167_668_501), exactly(WidthRange.SATURATED), exactly(WidthRange.SATURATED)),
                widths);
        ShapeException e = assertThrows(ShapeException.class, () -> absurd.widths().requireFits(model(66)));
        assertTrue(e.getMessage().startsWith("step 'a' (PolynomialFeatures) would output 167,668,501 columns"),
                e.getMessage());
        // 2^62 inputs, degree 2: C(2^62 + 1, 2) is past a long, not a negative number
        assertEquals(WidthRange.SATURATED, MonomialCount.of(1L << 62, 0, 2, false, true));
        assertEquals(WidthRange.SATURATED, MonomialCount.binomial(200, 100));
        assertEquals(4_611_686_018_427_387_904L + 1, MonomialCount.of(1L << 62, 0, 1, false, true));
    }

    @Test
    void theCountIsTheNumberOfColumnsThePlanLists() {
        for (int n = 0; n <= 7; n++) {
            for (int min = 0; min <= 4; min++) {
                for (int max = Math.max(1, min); max <= 5; max++) {
                    for (boolean interaction : new boolean[] {false, true}) {
                        for (boolean bias : new boolean[] {false, true}) {
                            assertEquals(MonomialPlan.of(n, min, max, interaction, bias).columns(),
                                    MonomialCount.of(n, min, max, interaction, bias),
                                    n + " inputs, degree " + min + ".." + max + ", interaction " + interaction
                                            + ", bias " + bias);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anImputerThatMayDropColumnsGivesARange() {
        Pipeline p = pipeline(step("impute", "SimpleImputer"), poly("poly", 2));
        assertEquals(List.of(new WidthRange(0, 3), new WidthRange(1, 10)), p.widths().outputs());
        assertDoesNotThrow(() -> p.widths().requireFits(model(6)));
        ShapeException e = assertThrows(ShapeException.class, () -> p.widths().requireFits(model(66)));
        assertTrue(e.getMessage().contains("gives at most 10 columns (features 3 -> impute (0..3) -> poly (1..10))"),
                e.getMessage());
        Pipeline kept = pipeline(new StepSpec("impute", "SimpleImputer", Map.of("keep_empty_features", true)),
                poly("poly", 2));
        assertEquals(List.of(exactly(3), exactly(10)), kept.widths().outputs());
    }

    @Test
    void bindingCountsBeforeItLists() {
        PolynomialFeaturesStep cube = PolynomialFeaturesStep.of(poly("p3", 3));
        ShapeException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ShapeException.class, () -> cube.bind(1771)));
        assertEquals("step 'p3' (PolynomialFeatures) would output 928,912,524 columns from 1771 inputs, more than "
                + "the " + String.format("%,d", WidthPlan.MAX_COLUMNS) + " shape allows", e.getMessage());
        assertEquals(1771, cube.bind(20).outputWidth());
    }

    private static WidthRange exactly(long w) {
        return WidthRange.exactly(w);
    }

    private static StepSpec poly(String name, long degree) {
        return new StepSpec(name, "PolynomialFeatures", Map.of("degree", degree));
    }

    private static StepSpec step(String name, String sklearnClass) {
        return new StepSpec(name, sklearnClass, Map.of());
    }

    private static Pipeline pipeline(StepSpec... steps) {
        return Pipeline.of(new PipelineSpec(new ArrayList<>(List.of(steps)), "model.pkl", Optional.empty()));
    }

    /** A model that answers only the two questions a width check asks. */
    private static Model model(int features) {
        return (Model) Proxy.newProxyInstance(Model.class.getClassLoader(), new Class<?>[] {Model.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "featureCount" -> features;
                    case "estimatorClass" -> "TestModel";
                    default -> throw new UnsupportedOperationException("a width check never calls " + method);
                });
    }
}
