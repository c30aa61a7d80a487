package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.spec.InvalidSpecException;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;
import io.shape.domain.transform.WidthRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encoders fitted from a spec: what scikit-learn's constructor and fit refuse is refused naming the step and
 * parameter; the parity of what they accept is {@link TransformerParityTest}'s (fixtures made by scikit-learn).
 */
class EncoderStepTest {
    private static Step step(String cls, Map<String, Object> params) {
        return Pipeline.of(new PipelineSpec(List.of(new StepSpec("enc", cls, params)), "m.pkl", Optional.empty()))
                .steps().get(0);
    }

    private static String refusal(String cls, Map<String, Object> params) {
        return assertThrows(InvalidSpecException.class, () -> step(cls, params)).getMessage();
    }

    private static String fitRefusal(String cls, Map<String, Object> params, double[][] rows) {
        return assertThrows(ShapeException.class, () -> Fitting.fitStep(step(cls, params), rows[0].length, rows, 1))
                .getMessage();
    }

    @Test
    void parametersScikitLearnRefusesAreRefused() {
        assertTrue(refusal("OneHotEncoder", Map.of("categories", List.of(List.of(1.0, 2.0))))
                .startsWith("step 'enc' (OneHotEncoder): parameter 'categories' must be \"auto\""));
        assertTrue(refusal("OneHotEncoder", Map.of("min_frequency", 1.0)).contains("'min_frequency' must be an int of "
                + "at least 1 (a count), a float strictly between 0 and 1"));
        assertTrue(refusal("OneHotEncoder", Map.of("min_frequency", 0L)).contains("'min_frequency'"));
        assertTrue(refusal("OneHotEncoder", Map.of("max_categories", 0L)).contains("'max_categories' must be an int in [1, inf)"));
        assertTrue(refusal("OneHotEncoder", Map.of("handle_unknown", "use_encoded_value")).contains("'handle_unknown'"));
        assertTrue(refusal("OneHotEncoder", Map.of("drop", "last")).contains("'drop' must be null, \"first\""));
        assertTrue(refusal("OneHotEncoder", Map.of("dtype", "int32")).contains("'dtype' must be \"float64\""));
        assertTrue(refusal("OrdinalEncoder", Map.of("unknown_value", -1L)).contains("'unknown_value' may be set only "
                + "when handle_unknown is 'use_encoded_value'"));
        assertTrue(refusal("OrdinalEncoder", Map.of("handle_unknown", "use_encoded_value"))
                .contains("'unknown_value' must be an int or \"NaN\" when handle_unknown is 'use_encoded_value'"));
        assertTrue(refusal("OrdinalEncoder", Map.of("encoded_missing_value", 0.5)).contains("'encoded_missing_value' "
                + "must be an int or \"NaN\""));
    }

    @Test
    void fitsScikitLearnRefusesAreRefused() {
        double[][] rows = {{0, 1}, {1, 1}, {2, Double.NaN}, {1, 2}};
        assertEquals("step 'enc' (OrdinalEncoder) cannot be fitted: its unknown_value 1 is one of the values already "
                + "used for encoding the seen categories of column 'x0'; choose a negative value or at least the number "
                + "of categories", fitRefusal("OrdinalEncoder", Map.of("handle_unknown", "use_encoded_value",
                "unknown_value", 1L), rows));
        assertEquals("step 'enc' (OrdinalEncoder) cannot be fitted: its encoded_missing_value (0) is already used to "
                + "encode a known category in column 'x1'; choose a negative value or NaN",
                fitRefusal("OrdinalEncoder", Map.of("encoded_missing_value", 0L), rows));
        assertEquals("step 'enc' (OneHotEncoder) cannot be fitted: the category 7 it should drop from column 'x1' was "
                + "not found in the data it was fitted on", fitRefusal("OneHotEncoder", Map.of("drop", List.of(0L, 7L)), rows));
        assertEquals("step 'enc' (OneHotEncoder) cannot be fitted: it cannot drop the category 0 of column 'x0' because "
                + "it is infrequent", fitRefusal("OneHotEncoder", Map.of("drop", List.of(0L, 1L), "min_frequency", 2L), rows));
        assertTrue(fitRefusal("OneHotEncoder", Map.of("drop", List.of(0L)), rows).contains("its drop names 1 categories"
                + " but it is given 2 columns"));
    }

    @Test
    void aFitRefusalNamesTheTableColumnOfAFirstStepAndThePositionAfterAnotherStep() {
        double[][] rows = {{0, 1}, {1, 1}, {2, 2}};
        Step scaler = Pipeline.of(new PipelineSpec(List.of(new StepSpec("scale", "MinMaxScaler", Map.of())), "m.pkl",
                Optional.empty())).steps().get(0);
        Step encoder = step("OneHotEncoder", Map.of("drop", List.of(0L, 7L)));
        String message = assertThrows(ShapeException.class, () -> Fitting.fit(new Pipeline(List.of("a", "b"),
                List.of(scaler, encoder)), rows, 1)).getMessage();
        assertEquals("step 'enc' (OneHotEncoder) cannot be fitted: the category 7 it should drop from column #1 was "
                + "not found in the data it was fitted on", message);
    }

    @Test
    void aContinuousColumnIsRefusedAsCategories() {
        double[][] rows = new double[100_001][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {r * 0.5, 1};
        }
        assertEquals("step 'enc' (OneHotEncoder): input column 'x0' holds more than 100,000 distinct values, too many "
                + "to be categories; bin it first (KBinsDiscretizer) or leave it out of the encoder",
                fitRefusal("OneHotEncoder", Map.of(), rows));
    }

    /** NaN and -0.0 as scikit-learn counts them: NaN one category (last), -0.0 the same category as 0.0. */
    @Test
    void nanIsOneCategoryAndNegativeZeroIsZero() {
        double[][] rows = {{-0.0}, {Double.NaN}, {0.0}, {Double.NaN}, {-1}};
        FittedTransform fitted = Fitting.fitStep(step("OneHotEncoder", Map.of()), 1, rows, 2);
        assertEquals(3, fitted.outputWidth());
        assertArrayEquals(new double[][] {{0, 1, 0}, {0, 0, 1}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}}, Fitting.apply(fitted, rows));
        FittedTransform ordinal = Fitting.fitStep(step("OrdinalEncoder", Map.of()), 1, rows, 3);
        assertArrayEquals(new double[][] {{1}, {Double.NaN}, {1}, {Double.NaN}, {0}}, Fitting.apply(ordinal, rows));
    }

    @Test
    void widthsAreBoundedBeforeAnyRowIsRead() {
        assertEquals(new WidthRange(3, 300_000), step("OneHotEncoder", Map.of()).outputWidths(WidthRange.exactly(3)));
        assertEquals(new WidthRange(0, 12), step("OneHotEncoder", Map.of("drop", "first", "max_categories", 4L))
                .outputWidths(WidthRange.exactly(3)));
        assertEquals(new WidthRange(20, 1_000_000), step("OneHotEncoder", Map.of()).outputWidths(WidthRange.exactly(20)));
        assertEquals(WidthRange.exactly(5), step("OrdinalEncoder", Map.of()).outputWidths(WidthRange.exactly(5)));
    }
}
