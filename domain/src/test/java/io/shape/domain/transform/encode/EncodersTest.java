package io.shape.domain.transform.encode;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.model.NdArray;
import io.shape.domain.transform.FittedTransform;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encoders' rules on small hand-made pickled states (the parity with scikit-learn is the fixtures' job, in the
 * engine contract): codes of text cells, None and NaN apart, unseen cells, grouping and dropping, refusals.
 */
class EncodersTest {
    private static final double NONE = CategoryCodes.NONE;
    private static final double UNSEEN = CategoryCodes.UNSEEN;

    /** categories_ as the pickle loader gives an object array: texts, then None, then NaN. */
    private static List<Object> texts(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    private static Map<String, Object> oneHot(String handleUnknown, Object... categories) {
        Map<String, Object> s = new HashMap<>();
        s.put("handle_unknown", handleUnknown);
        s.put("categories_", List.of(categories));
        s.put("n_features_in_", (long) categories.length);
        s.put("_infrequent_enabled", false);
        List<Object> widths = new ArrayList<>();
        for (Object c : categories) {
            widths.add((long) (c instanceof List<?> l ? l.size() : ((NdArray) c).data().length));
        }
        s.put("_n_features_outs", widths);
        return s;
    }

    private static double[] row(FittedTransform t, double... in) {
        double[] out = new double[t.outputWidth()];
        t.apply(in, 0, out, 0);
        return out;
    }

    @Test
    void textCellsAreTheirCategoryIndexAndNoneAndNaNAreCategoriesOfTheirOwn() {
        FittedTransform t = Encoders.read(Encoders.ONE_HOT, "pre/cat", oneHot("ignore", texts("blue", "red", null, Double.NaN)),
                List.of("'color'"));
        CategoryCodes codes = t.inputs().codes(0);
        assertEquals(1.0, codes.code("red", "color", "t", 0));
        assertEquals(UNSEEN, codes.code("purple", "color", "t", 0));
        assertArrayEquals(new double[] {0, 1, 0, 0}, row(t, codes.code("red", "color", "t", 0)));
        assertArrayEquals(new double[] {0, 0, 1, 0}, row(t, NONE));
        assertArrayEquals(new double[] {0, 0, 0, 1}, row(t, Double.NaN));
        assertArrayEquals(new double[] {0, 0, 0, 0}, row(t, UNSEEN), "ignore: an unseen cell is all zeros");
        assertTrue(!t.missingAfter(new boolean[] {true})[0], "NaN never comes out of a one-hot encoding");
    }

    @Test
    void anUnseenTextIsRefusedByTheReaderNamingRowAndValueWhenTheEncoderRefusesIt() {
        FittedTransform t = Encoders.read(Encoders.ONE_HOT, "pre/cat", oneHot("error", texts("blue", "red")),
                List.of("'color'"));
        CategoryCodes codes = t.inputs().codes(0);
        ShapeException e = assertThrows(ShapeException.class, () -> codes.code("purple", "color", "t.parquet", 17));
        assertTrue(e.getMessage().contains("'purple' at row 17") && e.getMessage().contains("'pre/cat' (OneHotEncoder)"),
                e.getMessage());
        ShapeException none = assertThrows(ShapeException.class, () -> codes.missing(true, "color", "t.parquet", 3));
        assertTrue(none.getMessage().contains("None"), none.getMessage());
        ShapeException numeric = assertThrows(ShapeException.class, () -> row(t, UNSEEN));
        assertTrue(numeric.getMessage().contains("step 'pre/cat' (OneHotEncoder)"), numeric.getMessage());
    }

    @Test
    void numericCategoriesAreFoundByValueWithMinusZeroAsZero() {
        FittedTransform t = Encoders.read(Encoders.ONE_HOT, "k", oneHot("ignore", List.of(0L, 2L, 5L)), List.of("'k'"));
        assertEquals(ColumnPlan.Use.NUMBERS, t.inputs().use(0));
        assertArrayEquals(new double[] {1, 0, 0}, row(t, -0.0));
        assertArrayEquals(new double[] {0, 0, 1}, row(t, 5.0));
        assertArrayEquals(new double[] {0, 0, 0}, row(t, 3.0));
    }

    @Test
    void infrequentCategoriesShareAColumnAndTheDroppedOneShiftsTheRest() {
        Map<String, Object> s = oneHot("infrequent_if_exist", texts("a", "b", "c", "d"));
        s.put("_infrequent_enabled", true);
        s.put("_infrequent_indices", List.of(List.of(1L, 3L)));
        s.put("_default_to_infrequent_mappings", List.of(List.of(0L, 2L, 1L, 2L)));
        s.put("_drop_idx_after_grouping", List.of(0L));
        s.put("drop", "first");
        s.put("_n_features_outs", List.of(2L));
        FittedTransform t = Encoders.read(Encoders.ONE_HOT, "e", s, List.of("'x'"));
        assertArrayEquals(new double[] {0, 0}, row(t, 0), "a is dropped");
        assertArrayEquals(new double[] {1, 0}, row(t, 2), "c after the drop");
        assertArrayEquals(new double[] {0, 1}, row(t, 1), "b is infrequent");
        assertArrayEquals(new double[] {0, 1}, row(t, UNSEEN), "infrequent_if_exist: unseen cells are infrequent");
    }

    @Test
    void ordinalKeepsNaNOutOfTheGroupingAndWritesItsEncodedValues() {
        Map<String, Object> s = new HashMap<>();
        s.put("handle_unknown", "use_encoded_value");
        s.put("unknown_value", -1L);
        s.put("encoded_missing_value", Double.NaN);
        s.put("categories_", List.of(new NdArray(new double[] {1, 2, 3, Double.NaN}, new int[] {4})));
        s.put("n_features_in_", 1L);
        s.put("_infrequent_enabled", true);
        s.put("_infrequent_indices", List.of(List.of(0L, 1L)));
        s.put("_default_to_infrequent_mappings", List.of(List.of(1L, 1L, 0L)));
        s.put("_missing_indices", Map.of(0L, 3L));
        FittedTransform t = Encoders.read(Encoders.ORDINAL, "o", s, List.of("'k'"));
        assertArrayEquals(new double[] {1}, row(t, 1));
        assertArrayEquals(new double[] {0}, row(t, 3));
        assertTrue(Double.isNaN(row(t, Double.NaN)[0]));
        assertArrayEquals(new double[] {-1}, row(t, 7));
        assertTrue(t.missingAfter(new boolean[] {true})[0], "a NaN encoded_missing_value reaches the estimator");
    }

    @Test
    void damagedStatesAreRefusedNamingTheStepAndAttribute() {
        Map<String, Object> wrongWidth = oneHot("ignore", texts("a", "b"));
        wrongWidth.put("_n_features_outs", List.of(3L));
        assertMessage(() -> Encoders.read(Encoders.ONE_HOT, "p/e", wrongWidth, List.of("'x'")), "_n_features_outs");
        Map<String, Object> mapping = oneHot("ignore", texts("a", "b"));
        mapping.put("_infrequent_enabled", true);
        mapping.put("_infrequent_indices", List.of(List.of(1L)));
        mapping.put("_default_to_infrequent_mappings", List.of(List.of(0L, 9L)));
        assertMessage(() -> Encoders.read(Encoders.ONE_HOT, "p/e", mapping, List.of("'x'")), "points outside");
        Map<String, Object> unknownParam = oneHot("ignore", texts("a"));
        unknownParam.put("new_option", true);
        assertMessage(() -> Encoders.read(Encoders.ONE_HOT, "p/e", unknownParam, List.of("'x'")), "'new_option'");
        Map<String, Object> mixed = oneHot("ignore", texts("a", 3L));
        assertMessage(() -> Encoders.read(Encoders.ONE_HOT, "p/e", mixed, List.of("'x'")), "categories_ holds 3");
        Map<String, Object> unsorted = oneHot("ignore", List.of(2L, 1L));
        assertMessage(() -> Encoders.read(Encoders.ONE_HOT, "p/e", unsorted, List.of("'x'")), "not sorted");
        Map<String, Object> unfitted = oneHot("ignore", texts("a"));
        unfitted.remove("categories_");
        assertMessage(() -> Encoders.read(Encoders.ONE_HOT, "p/e", unfitted, List.of("'x'")), "not fitted");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable read, String expected) {
        ShapeException e = assertThrows(ShapeException.class, read);
        assertTrue(e.getMessage().contains("p/e"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anEncodersPlanReadsItsTextColumnsAsCategoriesAndTheRestAsNumbers() {
        FittedTransform t = Encoders.read(Encoders.ONE_HOT, "e", oneHot("ignore", texts("a"), List.of(1L, 2L)),
                List.of("'x'", "'k'"));
        assertEquals(ColumnPlan.Use.CATEGORIES, t.inputs().use(0));
        assertEquals(ColumnPlan.Use.NUMBERS, t.inputs().use(1));
    }
}
