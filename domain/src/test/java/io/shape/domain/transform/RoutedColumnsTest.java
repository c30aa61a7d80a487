package io.shape.domain.transform;

import io.shape.domain.ShapeException;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.transform.encode.Encoders;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutedColumnsTest {
    private static final List<String> NAMES = List.of("'a'", "'color'", "'b'", "'id'");

    private static FrozenStep encoder(String path, Object... categories) {
        Map<String, Object> s = new HashMap<>();
        s.put("handle_unknown", "ignore");
        s.put("categories_", new ArrayList<>(Arrays.asList(categories)));
        s.put("n_features_in_", (long) categories.length);
        List<Object> widths = new ArrayList<>();
        for (Object c : categories) {
            widths.add((long) ((List<?>) c).size());
        }
        s.put("_n_features_outs", widths);
        return new FrozenStep(path, "OneHotEncoder", Map.of(), Encoders.read(Encoders.ONE_HOT, path, s,
                List.of("'c'")), false);
    }

    private static FrozenStep scaler(String path, int width) {
        return FrozenStep.of(path, "StandardScaler", Map.of(), width, width, Map.of(
                "mean_", new double[width], "scale_", filled(width, 2.0), "var_", filled(width, 4.0)));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void routesAreLaidSideBySideAndDroppedColumnsAreNeverRead() {
        RoutedColumns routed = new RoutedColumns("pre", 4, List.of(
                new RoutedColumns.Route("num", new int[] {2, 0}, List.of(scaler("pre/num", 2))),
                new RoutedColumns.Route("cat", new int[] {1}, List.of(encoder("pre/cat", List.of("blue", "red"))))),
                NAMES);
        assertEquals(4, routed.outputWidth());
        double[] out = new double[4];
        routed.apply(new double[] {1, 1, 6, Double.NaN}, 0, out, 0);
        assertArrayEquals(new double[] {3, 0.5, 0, 1}, out, "b then a scaled, then color one-hot");
        ColumnPlan plan = routed.inputs();
        assertEquals(ColumnPlan.Use.NUMBERS, plan.use(0));
        assertEquals(ColumnPlan.Use.CATEGORIES, plan.use(1));
        assertEquals(ColumnPlan.Use.UNUSED, plan.use(3));
        assertEquals(List.of("a", "color", "b"), plan.required(List.of("a", "color", "b", "id")));
        boolean[] nan = routed.missingAfter(new boolean[] {false, true, false, true});
        assertFalse(nan[0] || nan[1] || nan[2] || nan[3], "NaN in color is a category, id is dropped");
        assertTrue(routed.missingAfter(new boolean[] {true, false, false, false})[1], "a's NaN is scaled through");
        assertEquals(List.of("'b'", "'a'"), routed.columnNames(routed.routes().get(0)));
    }

    @Test
    void aColumnReadAsTextAndAsNumbersOrWithTwoCategoryListsIsRefused() {
        ShapeException both = assertThrows(ShapeException.class, () -> new RoutedColumns("pre", 4, List.of(
                new RoutedColumns.Route("cat", new int[] {1}, List.of(encoder("pre/cat", List.of("blue")))),
                new RoutedColumns.Route("raw", new int[] {1}, List.of())), NAMES));
        assertTrue(both.getMessage().contains("'color'") && both.getMessage().contains("as numbers"), both.getMessage());
        ShapeException twice = assertThrows(ShapeException.class, () -> new RoutedColumns("pre", 4, List.of(
                new RoutedColumns.Route("one", new int[] {1}, List.of(encoder("pre/one", List.of("blue")))),
                new RoutedColumns.Route("two", new int[] {1}, List.of(encoder("pre/two", List.of("red"))))), NAMES));
        assertTrue(twice.getMessage().contains("different categories"), twice.getMessage());
        ShapeException width = assertThrows(ShapeException.class, () -> new RoutedColumns("pre", 4, List.of(
                new RoutedColumns.Route("num", new int[] {0}, List.of(scaler("pre/num", 2)))), NAMES));
        assertTrue(width.getMessage().contains("'pre/num' was fitted on 2 columns"), width.getMessage());
    }

    @Test
    void aPipelineReadsTextOnlyThroughItsFirstStepAndRefusesNaNOnlyWhereItReachesTheEstimator() {
        FrozenStep routed = new FrozenStep("pre", "ColumnTransformer", Map.of(), new RoutedColumns("pre", 4, List.of(
                new RoutedColumns.Route("num", new int[] {0, 2}, List.of(scaler("pre/num", 2))),
                new RoutedColumns.Route("cat", new int[] {1}, List.of(encoder("pre/cat", List.of("blue", "red"))))),
                NAMES), false);
        Pipeline pipeline = new Pipeline(List.of("a", "color", "b", "id"), List.of(routed));
        assertEquals(ColumnPlan.Use.CATEGORIES, pipeline.columnPlan().use(1));
        assertArrayEquals(new boolean[] {false, true, false, true}, pipeline.missingAccepted(false));

        Pipeline later = new Pipeline(List.of("x"), List.of(scaler("s", 1), encoder("e", List.of("blue"))));
        ShapeException e = assertThrows(ShapeException.class, later::columnPlan);
        assertTrue(e.getMessage().contains("step 'e' (OneHotEncoder) encodes text categories but follows 's'"),
                e.getMessage());
    }
}
