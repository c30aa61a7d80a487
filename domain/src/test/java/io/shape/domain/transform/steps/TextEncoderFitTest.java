package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.spec.PipelineSpec;
import io.shape.domain.spec.StepSpec;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;
import io.shape.domain.transform.encode.TextSurvey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spec encoder over a text column, from the survey to the saved state, as an engine drives it: the survey of the
 * distinct texts, the codes the rows are read with, the fit, the state a later run restores. The parity with
 * scikit-learn is the spec-encoder fixtures' (engine contract); these are the rules on small hand-made tables.
 */
class TextEncoderFitTest {
    private static final List<String> FEATURES = List.of("color", "n");

    private static Pipeline pipeline(String cls, Map<String, Object> params) {
        Step step = Pipeline.of(new PipelineSpec(List.of(new StepSpec("enc", cls, params)), "m.pkl",
                Optional.empty())).steps().get(0);
        return new Pipeline(FEATURES, List.of(step));
    }

    /** A table of a parquet string column (null is None) and a number column. */
    private record Table(String[] color, double[] n) {}

    /** The survey an engine runs over the table's text column, and the plan it then reads the rows by. */
    private static ColumnPlan surveyed(Pipeline pipeline, Table table) {
        TextSurvey survey = pipeline.textSurvey().orElseThrow();
        CategoryCodes recorder = survey.recorder(0);
        for (int r = 0; r < table.color.length; r++) {
            recorder.cell(table.color[r], true, false, "color", "t.parquet", r);
        }
        return pipeline.columnPlan().resolved(survey.codes(new boolean[] {true, false}, false));
    }

    private static double[][] rows(ColumnPlan plan, Table table) {
        double[][] rows = new double[table.color.length][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new double[] {plan.codes(0).cell(table.color[r], true, false, "color", "t.parquet", r),
                    table.n[r]};
        }
        return rows;
    }

    private static final Table TABLE = new Table(new String[] {"red", "blue", null, "red", "green", "blue"},
            new double[] {1, 2, 2, 1, 3, 1});

    @Test
    void theSurveySortsTextsByCodePointThenNoneThenNaN() {
        TextSurvey survey = new TextSurvey("enc", "OneHotEncoder", List.of("t"), 100);
        CategoryCodes recorder = survey.recorder(0);
        // UTF-16 order puts the surrogate pair of U+1F642 before U+FF21; Python's str order does not.
        for (String text : new String[] {"b", "🙂smile", "Ａwide", "a", "Z", "b", null}) {
            recorder.cell(text, true, false, "t", "t.parquet", 0);
        }
        recorder.cell(null, false, false, "t", "t.parquet", 0);
        CategoryCodes codes = survey.codes(new boolean[] {true}, false)[0];
        assertEquals(List.of("Z", "a", "b", "Ａwide", "🙂smile"), codes.texts());
        assertTrue(codes.noneKnown());
        assertTrue(codes.nanKnown());
    }

    @Test
    void partitionsMergedInAnyOrderGiveTheSameCodes() {
        TextSurvey first = new TextSurvey("enc", "OneHotEncoder", List.of("t"), 100);
        TextSurvey second = first.emptyCopy();
        first.recorder(0).cell("pear", true, false, "t", "a", 0);
        second.recorder(0).cell("apple", true, false, "t", "b", 0);
        second.recorder(0).cell(null, true, false, "t", "b", 1);
        TextSurvey ab = first.emptyCopy();
        ab.add(first);
        ab.add(second);
        TextSurvey ba = first.emptyCopy();
        ba.add(second);
        ba.add(first);
        CategoryCodes x = ab.codes(new boolean[] {true}, false)[0];
        CategoryCodes y = ba.codes(new boolean[] {true}, false)[0];
        assertEquals(List.of("apple", "pear"), x.texts());
        assertEquals(x.texts(), y.texts());
        assertTrue(x.noneKnown() && y.noneKnown());
    }

    @Test
    void aCsvColumnOfNumbersOrOfBooleansIsReadAsNumbersAsPandasReadsIt() {
        assertNull(csvCodes("1", "2.5", "", "-3e2"), "numbers and a missing cell");
        assertNull(csvCodes("True", "false", "NA"), "booleans and a missing cell");
        assertEquals(List.of("1", "x"), csvCodes("1", "x").texts());
        assertEquals(List.of("1", "True"), csvCodes("1", "True").texts(), "a number and a boolean are text");
        // A parquet string column of digits is text: its type says so.
        TextSurvey parquet = new TextSurvey("enc", "OneHotEncoder", List.of("t"), 100);
        parquet.recorder(0).cell("1", true, false, "t", "t.parquet", 0);
        assertEquals(List.of("1"), parquet.codes(new boolean[] {true}, false)[0].texts());
    }

    private static CategoryCodes csvCodes(String... cells) {
        TextSurvey survey = new TextSurvey("enc", "OneHotEncoder", List.of("t"), 100);
        for (String cell : cells) {
            survey.recorder(0).cell(cell, false, true, "t", "t.csv", 0);
        }
        return survey.codes(new boolean[] {true}, true)[0];
    }

    @Test
    void aColumnOfTooManyDistinctTextsIsRefusedNamingIt() {
        TextSurvey survey = new TextSurvey("enc", "OneHotEncoder", List.of("id"), 3);
        CategoryCodes recorder = survey.recorder(0);
        for (String t : new String[] {"a", "b", "c", "a"}) {
            recorder.cell(t, true, false, "id", "t.parquet", 0);
        }
        ShapeException e = assertThrows(ShapeException.class, () -> recorder.cell("d", true, false, "id", "t", 0));
        assertEquals("step 'enc' (OneHotEncoder): input column 'id' holds more than 3 distinct texts, too many to "
                + "be categories; leave it out of the encoder", e.getMessage());
        TextSurvey other = survey.emptyCopy();
        for (String t : new String[] {"x", "y"}) {
            other.recorder(0).cell(t, true, false, "id", "u.parquet", 0);
        }
        TextSurvey merged = survey.emptyCopy();
        merged.add(other);
        assertThrows(ShapeException.class, () -> merged.add(survey), "partitions' texts count together");
    }

    @Test
    void aSpecEncoderFirstInThePipelineSurveysTheTableAndAFittedOneReadsByItsTexts() {
        Pipeline encoder = pipeline("OneHotEncoder", Map.of());
        assertEquals(ColumnPlan.Use.ENCODED, encoder.columnPlan().use(0));
        assertTrue(encoder.columnPlan().surveysText());
        Pipeline scaled = new Pipeline(FEATURES, List.of(Pipeline.of(new PipelineSpec(List.of(
                new StepSpec("s", "StandardScaler", Map.of())), "m.pkl", Optional.empty())).steps().get(0)));
        assertEquals(ColumnPlan.Use.NUMBERS, scaled.columnPlan().use(0));
        assertTrue(scaled.textSurvey().isEmpty());

        ColumnPlan plan = surveyed(encoder, TABLE);
        assertEquals(ColumnPlan.Use.CATEGORIES, plan.use(0));
        assertEquals(ColumnPlan.Use.NUMBERS, plan.use(1));
        FittedPipeline fitted = Fitting.fit(encoder, plan, rows(plan, TABLE), 2);
        ColumnPlan frozen = encoder.columnPlan(Optional.of(fitted));
        assertEquals(ColumnPlan.Use.CATEGORIES, frozen.use(0));
        assertEquals(List.of("blue", "green", "red"), frozen.codes(0).texts());
        assertTrue(frozen.codes(0).noneKnown());
    }

    @Test
    void oneHotOfTextsHasTheTextsInOrderThenNone() {
        Pipeline encoder = pipeline("OneHotEncoder", Map.of());
        ColumnPlan plan = surveyed(encoder, TABLE);
        double[][] rows = rows(plan, TABLE);
        FittedTransform t = Fitting.fit(encoder, plan, rows, 3).transforms().get(0);
        // color: blue, green, red, None; n: 1, 2, 3
        assertEquals(7, t.outputWidth());
        assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0, 0}, Fitting.apply(t, rows)[0]);
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 1, 0}, Fitting.apply(t, rows)[2]);
        assertEquals(List.of(List.of("'blue'", "'green'", "'red'", "None"), List.of("1.0", "2.0", "3.0")),
                t.shownAttributes().get("categories_"));
    }

    @Test
    void dropMayNameATextOrNone() {
        double[][] out = transformed("OneHotEncoder", Map.of("drop", List.of("green", 2L)));
        assertArrayEquals(new double[] {0, 1, 0, 1, 0}, out[0], "red kept, green dropped; n=1 kept, 2 dropped");
        double[][] none = transformed("OneHotEncoder", Map.of("drop", Arrays.asList(null, 3L)));
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, none[2], "None dropped: its row is all zeros but n=2");
        String missing = assertThrows(ShapeException.class, () -> transformed("OneHotEncoder",
                Map.of("drop", List.of("purple", 1L)))).getMessage();
        assertEquals("step 'enc' (OneHotEncoder) cannot be fitted: the category 'purple' it should drop from column "
                + "'color' was not found in the data it was fitted on", missing);
    }

    @Test
    void ordinalCodesTextsByTheirPlaceAndNoneAfterThem() {
        double[][] out = transformed("OrdinalEncoder", Map.of());
        assertArrayEquals(new double[] {2, 0}, out[0]);
        assertArrayEquals(new double[] {3, 1}, out[2], "None is the category after the texts");
        assertArrayEquals(new double[] {1, 2}, out[4]);
    }

    private static double[][] transformed(String cls, Map<String, Object> params) {
        Pipeline encoder = pipeline(cls, params);
        ColumnPlan plan = surveyed(encoder, TABLE);
        double[][] rows = rows(plan, TABLE);
        return Fitting.transform(Fitting.fit(encoder, plan, rows, 2), rows);
    }

    @Test
    void aTableWhoseTextsChangedAfterTheSurveyIsRefused() {
        Pipeline encoder = pipeline("OneHotEncoder", Map.of());
        ColumnPlan plan = surveyed(encoder, TABLE);
        Table without = new Table(new String[] {"red", "blue", null, "red", "blue", "blue"}, TABLE.n);
        String message = assertThrows(ShapeException.class, () -> Fitting.fit(encoder, plan, rows(plan, without), 1))
                .getMessage();
        assertTrue(message.contains("the table's texts changed between the survey of its distinct texts and the fit"),
                message);
        Table with = new Table(new String[] {"red", "blue", null, "red", "green", "purple"}, TABLE.n);
        assertThrows(ShapeException.class, () -> Fitting.fit(encoder, plan, rows(plan, with), 1));
    }

    @Test
    void theSavedStateOfATextEncoderRestoresTheSameEncoder() {
        for (Map<String, Object> params : List.<Map<String, Object>>of(Map.of(),
                Map.of("handle_unknown", "infrequent_if_exist", "min_frequency", 2L),
                Map.of("drop", List.of("blue", 1L)))) {
            Pipeline encoder = pipeline("OneHotEncoder", params);
            ColumnPlan plan = surveyed(encoder, TABLE);
            double[][] rows = rows(plan, TABLE);
            FittedTransform fitted = Fitting.fit(encoder, plan, rows, 2).transforms().get(0);
            FittedState state = fitted.state();
            assertEquals(List.of(List.of("blue", "green", "red"), List.of()), state.attributes()
                    .get("category_texts"), params.toString());
            FittedTransform restored = encoder.steps().get(0).restore(asJsonGivesItBack(state));
            assertEquals(fitted.outputWidth(), restored.outputWidth(), params.toString());
            assertEquals(plan.codes(0).texts(), restored.inputs().codes(0).texts());
            assertTrue(restored.inputs().codes(0).noneKnown());
            double[][] again = rows(restored.inputs(), TABLE);
            for (int r = 0; r < rows.length; r++) {
                assertArrayEquals(Fitting.apply(fitted, rows)[r], Fitting.apply(restored, again)[r], params + " row " + r);
            }
        }
    }

    @Test
    void aRestoredStateReadsALaterTableByItsTextsAndTreatsANewTextAsItsHandleUnknownSays() {
        Table later = new Table(new String[] {"purple", "red"}, new double[] {1, 2});
        Pipeline ignoring = pipeline("OneHotEncoder", Map.of("handle_unknown", "ignore"));
        ColumnPlan plan = surveyed(ignoring, TABLE);
        FittedTransform fitted = Fitting.fit(ignoring, plan, rows(plan, TABLE), 1).transforms().get(0);
        FittedTransform restored = ignoring.steps().get(0).restore(asJsonGivesItBack(fitted.state()));
        double[][] out = Fitting.apply(restored, rows(restored.inputs(), later));
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0, 0}, out[0], "an unseen text is all zeros");
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 1, 0}, out[1]);

        Pipeline refusing = pipeline("OneHotEncoder", Map.of());
        FittedTransform strict = Fitting.fit(refusing, plan, rows(plan, TABLE), 1).transforms().get(0);
        ColumnPlan frozen = refusing.steps().get(0).restore(asJsonGivesItBack(strict.state())).inputs();
        String message = assertThrows(ShapeException.class, () -> rows(frozen, later)).getMessage();
        assertTrue(message.startsWith("column 'color' of t.parquet holds 'purple' at row 0 (rows count from 0), a "
                + "category 'enc' (OneHotEncoder) did not see when it was fitted"), message);
    }

    /** The state as fitted_state.json reads it back: lists for arrays, copies of everything. */
    private static FittedState asJsonGivesItBack(FittedState state) {
        Map<String, Object> attributes = new HashMap<>();
        state.attributes().forEach((k, v) -> attributes.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v));
        return new FittedState(state.step(), state.sklearnClass(), state.inputWidth(), state.outputWidth(),
                attributes);
    }
}
