package io.shape.domain.model;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tree traversal, forest averaging, IsolationForest scores and the checks on tree pickles, on hand-made trees. */
class TreeModelsTest {
    private static final String TREE_REGRESSOR = "sklearn.tree._classes.DecisionTreeRegressor";
    private static final String FOREST = "sklearn.ensemble._forest.RandomForestClassifier";
    private static final String IFOREST = "sklearn.ensemble._iforest.IsolationForest";

    /** A pickled Tree as the loader hands it over: node records by field, values [nodes, 1, width]. */
    private static Map<String, Object> tree(int features, int width, int[] left, int[] right, int[] feature,
            double[] threshold, boolean[] missingLeft, double[] values) {
        int n = left.length;
        Map<String, Object> nodes = new LinkedHashMap<>();
        nodes.put("left_child", column(left));
        nodes.put("right_child", column(right));
        nodes.put("feature", column(feature));
        nodes.put("threshold", new NdArray(threshold.clone(), new int[] {n}));
        nodes.put("impurity", new NdArray(new double[n], new int[] {n}));
        nodes.put("n_node_samples", new NdArray(new double[n], new int[] {n}));
        nodes.put("weighted_n_node_samples", new NdArray(new double[n], new int[] {n}));
        double[] missing = new double[n];
        for (int i = 0; i < n; i++) {
            missing[i] = missingLeft[i] ? 1 : 0;
        }
        nodes.put("missing_go_to_left", new NdArray(missing, new int[] {n}));
        Map<String, Object> t = new HashMap<>();
        t.put("__class__", "sklearn.tree._tree.Tree");
        t.put("n_features", (long) features);
        t.put("n_classes", List.of((long) width));
        t.put("n_outputs", 1L);
        t.put("max_depth", 1L);
        t.put("node_count", (long) n);
        t.put("nodes", nodes);
        t.put("values", new NdArray(values.clone(), new int[] {n, 1, width}));
        Map<String, Object> dtypes = new LinkedHashMap<>();
        for (String field : nodes.keySet()) {
            dtypes.put(field, field.equals("missing_go_to_left") ? "<u1"
                    : List.of("threshold", "impurity", "weighted_n_node_samples").contains(field) ? ">f8" : "<i4");
        }
        t.put("node_dtypes", dtypes);
        t.put("values_dtype", "<f8");
        return t;
    }

    private static NdArray column(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return new NdArray(d, new int[] {v.length});
    }

    /** A root splitting feature 0 at {@code threshold} into two leaves of {@code leftValues} / {@code rightValues}. */
    private static Map<String, Object> stump(int features, double threshold, boolean missingLeft, double[] leftValues,
            double[] rightValues) {
        int width = leftValues.length;
        double[] values = new double[3 * width];
        System.arraycopy(leftValues, 0, values, width, width);
        System.arraycopy(rightValues, 0, values, 2 * width, width);
        return tree(features, width, new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {0, -2, -2},
                new double[] {threshold, -2, -2}, new boolean[] {missingLeft, false, false}, values);
    }

    private static Map<String, Object> regressor(Map<String, Object> tree) {
        Map<String, Object> a = new HashMap<>();
        a.put("_sklearn_version", "1.6.1");
        a.put("n_features_in_", 1L);
        a.put("criterion", "squared_error"); // with which scikit-learn 1.6.1 routes NaN (routesMissingValues)
        a.put("tree_", tree);
        return a;
    }

    private static double[] predict(Model model, double... x) {
        int rows = x.length / model.featureCount();
        Predictions out = Predictions.of(model, rows);
        model.score(x, rows, out);
        return java.util.Arrays.copyOf(out.value, rows);
    }

    @Test
    void aValueIsCastToFloat32BeforeItMeetsTheFloat64Threshold() {
        Model model = Estimators.fromAttributes(TREE_REGRESSOR,
                regressor(stump(1, 0.1, false, new double[] {10}, new double[] {20})), "m.pkl");
        // (float) 0.1 is 0.10000000149...: above the double 0.1, so right, as scikit-learn's float32 X goes
        assertEquals(20.0, predict(model, 0.1)[0]);
        double threshold = (float) 0.3;
        Model exact = Estimators.fromAttributes(TREE_REGRESSOR,
                regressor(stump(1, threshold, false, new double[] {10}, new double[] {20})), "m.pkl");
        // a double just above the threshold that rounds to it as float32 goes left
        assertEquals(10.0, predict(exact, Math.nextUp(threshold))[0]);
        assertEquals(20.0, predict(exact, threshold + 1e-7)[0]);
    }

    @Test
    void aValueFloat32HoldsAsInfinityIsRefusedAsScikitLearnsCheckArrayDoes() {
        Model model = Estimators.fromAttributes(TREE_REGRESSOR,
                regressor(stump(1, 0.5, false, new double[] {10}, new double[] {20})), "m.pkl");
        assertEquals(20.0, predict(model, 3.4e38)[0], "within float32's range");
        for (double x : new double[] {1e39, -3.5e38, Double.POSITIVE_INFINITY}) {
            ShapeException e = assertThrows(ShapeException.class, () -> predict(model, 0, 1, x));
            assertEquals(ErrorKind.INVALID_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("DecisionTreeRegressor met " + x + " in its input feature 0 "
                    + "(counting from 0, after the pipeline's steps), infinite as the float32 it reads; "
                    + "scikit-learn's DecisionTreeRegressor refuses it (ValueError: Input X contains infinity or a "
                    + "value too large for dtype('float32'))"), e.getMessage());
        }
        // the first such value, found in a later block of a wider row
        Map<String, Object> wide = regressor(stump(2, 0.5, false, new double[] {10}, new double[] {20}));
        wide.put("n_features_in_", 2L);
        Model two = Estimators.fromAttributes(TREE_REGRESSOR, wide, "m.pkl");
        double[] rows = new double[2 * 600];
        rows[2 * 300 + 1] = 5e38;
        rows[2 * 400] = -1e39;
        ShapeException e = assertThrows(ShapeException.class, () -> predict(two, rows));
        assertTrue(e.getMessage().startsWith("DecisionTreeRegressor met 5.0E38 in its input feature 1 "), e.getMessage());
        // NaN where the model does not route it (this forest has no criterion: routesMissingValues is false)
        Model forest = Estimators.fromAttributes(FOREST, forest(List.of(
                stump(1, 0.0, true, new double[] {1, 0}, new double[] {0, 1}))), "m.pkl");
        ShapeException nan = assertThrows(ShapeException.class,
                () -> forest.score(new double[] {1, Double.NaN}, 2, Predictions.of(forest, 2)));
        assertTrue(nan.getMessage().contains("met NaN in its input feature 0 (counting from 0, after the pipeline's "
                + "steps); scikit-learn's RandomForestClassifier refuses it (ValueError: Input X contains NaN): "
                + "impute"), nan.getMessage());
    }

    @Test
    void missingValuesFollowMissingGoToLeft() {
        for (boolean left : new boolean[] {true, false}) {
            Model model = Estimators.fromAttributes(TREE_REGRESSOR,
                    regressor(stump(1, 0.5, left, new double[] {10}, new double[] {20})), "m.pkl");
            assertEquals(left ? 10.0 : 20.0, predict(model, Double.NaN)[0]);
            assertEquals(10.0, predict(model, 0.5)[0]);
        }
    }

    @Test
    void aDeepTreeInScikitLearnsDepthFirstNumberingSendsEveryRowToItsLeaf() {
        // 0: x <= 0 ? 1 : 6; 1: x <= -2 ? 2 : 3; 3: x <= -1 ? 4 : 5; 6: x <= inf ? 7 : 8 (the split scikit-learn
        // makes between missing and present values). Leaves 2, 4, 5, 7, 8; NaN goes left at 0 and 1, right at 3, 6.
        int[] left = {1, 2, -1, 4, -1, -1, 7, -1, -1};
        int[] right = {6, 3, -1, 5, -1, -1, 8, -1, -1};
        double inf = Double.POSITIVE_INFINITY;
        double[] threshold = {0, -2, -2, -1, -2, -2, inf, -2, -2};
        boolean[] missingLeft = {true, true, false, false, false, false, false, false, false};
        double[] values = {0, 0, 102, 0, 104, 105, 0, 107, 108};
        Model model = Estimators.fromAttributes(TREE_REGRESSOR, regressor(tree(1, 1, left, right,
                new int[] {0, 0, -2, 0, -2, -2, 0, -2, -2}, threshold, missingLeft, values)), "m.pkl");
        double[] x = {-3, -2, -1.5, -1, -0.5, 0, 0.5, 1e30, 3.4e38, -3.4e38, Double.NaN};
        double[] expected = {102, 102, 104, 104, 105, 105, 107, 107, 107, 102, 102};
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(predict(model, x)));
        double[] present = java.util.Arrays.copyOf(x, x.length - 1); // a block without NaN takes the other loop
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(expected, present.length)),
                java.util.Arrays.toString(predict(model, present)));
    }

    private static Map<String, Object> forest(List<Map<String, Object>> trees) {
        Map<String, Object> a = new HashMap<>();
        a.put("_sklearn_version", "1.6.1");
        a.put("n_features_in_", 1L);
        a.put("classes_", List.of("no", "yes"));
        List<Object> estimators = new ArrayList<>();
        for (Map<String, Object> t : trees) {
            Map<String, Object> e = new HashMap<>();
            e.put("__class__", "sklearn.tree._classes.DecisionTreeClassifier");
            e.put("tree_", t);
            estimators.add(e);
        }
        a.put("estimators_", estimators);
        return a;
    }

    @Test
    void aForestAveragesLeafFractionsTreeByTreeAndTiesGoToTheFirstClass() {
        Model model = Estimators.fromAttributes(FOREST, forest(List.of(
                stump(1, 0.0, false, new double[] {1, 0}, new double[] {0.3, 0.7}),
                stump(1, 1.0, false, new double[] {0, 1}, new double[] {0.1, 0.9}))), "m.pkl");
        assertTrue(model.hasProbabilities());
        Predictions out = Predictions.of(model, 3);
        model.score(new double[] {-1, 0.5, 2}, 3, out);
        assertEquals(0.5, out.probability(0, 0));           // (0 + 1 + 0) / 2
        assertEquals(0, out.label[0], "a tie goes to classes_[0]");
        assertEquals((0.0 + 0.3 + 0) / 2, out.probability(0, 1));
        assertEquals((0.0 + 0.7 + 1) / 2, out.probability(1, 1));
        assertEquals(1, out.label[1]);
        assertEquals((0.0 + 0.7 + 0.9) / 2, out.probability(1, 2));
        assertEquals(List.of("no", "yes"), model.labels());
    }

    @Test
    void treesThatCouldLoopOrLeaveTheirArraysAreRefusedNamingTheTree() {
        Map<String, Object> good = stump(1, 0.0, false, new double[] {1, 0}, new double[] {0, 1});
        Map<String, Object> cycle = tree(1, 2, new int[] {1, 0, -1}, new int[] {2, 2, -1}, new int[] {0, 0, -2},
                new double[] {0, 0, -2}, new boolean[3], new double[6]);
        assertRefused(forest(List.of(good, cycle)), "RandomForestClassifier.estimators_[1].tree_ node 1 has child 0, "
                + "not after it (a cycle");
        Map<String, Object> outside = tree(1, 2, new int[] {1, -1, -1}, new int[] {3, -1, -1}, new int[] {0, 0, 0},
                new double[3], new boolean[3], new double[6]);
        assertRefused(forest(List.of(outside)), "estimators_[0].tree_ node 0 has child 3, outside its 3 nodes");
        Map<String, Object> shared = tree(1, 2, new int[] {1, 2, -1}, new int[] {2, 2, -1}, new int[] {0, 0, -2},
                new double[] {0, 0, -2}, new boolean[3], new double[6]);
        assertRefused(forest(List.of(good, shared)), "estimators_[1].tree_ node 2 is a child of node 0 and of node 1");
        Map<String, Object> orphan = tree(1, 2, new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1},
                new int[] {0, 0, 0, 0}, new double[4], new boolean[4], new double[8]);
        assertRefused(forest(List.of(orphan)), "estimators_[0].tree_ node 3 is no node's child (of 4 nodes");
        assertRefused(forest(List.of(stump(1, Double.NaN, false, new double[] {1, 0}, new double[] {0, 1}))),
                "estimators_[0].tree_ node 0 splits at threshold NaN");
        Map<String, Object> tooMany = new HashMap<>(good);
        tooMany.put("node_count", 4L);
        assertRefused(forest(List.of(good, good, tooMany)), "estimators_[2].tree_ has node_count 4 but its node "
                + "array holds 3 nodes");
        Map<String, Object> wide = new HashMap<>(good);
        wide.put("n_features", 2L);
        assertRefused(forest(List.of(wide)), "estimators_[0].tree_ has n_features 2 but is applied to 1 features");
        Map<String, Object> feature = tree(1, 2, new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {1, 0, 0},
                new double[3], new boolean[3], new double[6]);
        assertRefused(forest(List.of(feature)), "node 0 splits on feature 1 of 1");
        Map<String, Object> renamed = new HashMap<>(good);
        Map<String, Object> fields = new LinkedHashMap<>(castMap(good.get("nodes")));
        fields.put("go_left", fields.remove("missing_go_to_left"));
        renamed.put("nodes", fields);
        assertRefused(forest(List.of(renamed)), "nodes have the unknown field(s) ['go_left'] and no field(s) "
                + "[missing_go_to_left]");
        Map<String, Object> floatThresholds = new HashMap<>(good);
        Map<String, Object> dtypes = new LinkedHashMap<>(castMap(good.get("node_dtypes")));
        dtypes.put("threshold", "<f4");
        floatThresholds.put("node_dtypes", dtypes);
        assertRefused(forest(List.of(floatThresholds)), "estimators_[0].tree_ node field threshold has dtype <f4");
        Map<String, Object> floatValues = new HashMap<>(good);
        floatValues.put("values_dtype", "<f4");
        assertRefused(forest(List.of(floatValues)), "values have dtype <f4, expected float64");
        Map<String, Object> fractional = tree(1, 2, new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {0, 0, 0},
                new double[3], new boolean[3], new double[6]);
        castMap(fractional.get("nodes")).put("left_child", new NdArray(new double[] {1.5, -1, -1}, new int[] {3}));
        assertRefused(forest(List.of(fractional)), "node 0 has left_child 1.5, expected an integer");
        Map<String, Object> twoOutputs = new HashMap<>(good);
        twoOutputs.put("n_outputs", 2L);
        assertRefused(forest(List.of(twoOutputs)), "has n_outputs 2; shape scores single-output trees only");
        Map<String, Object> threeClasses = new HashMap<>(good);
        threeClasses.put("n_classes", List.of(3L));
        assertRefused(forest(List.of(threeClasses)), "has n_classes [3], expected [2]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static void assertRefused(Map<String, Object> attributes, String message) {
        ShapeException e = assertThrows(ShapeException.class, () -> Estimators.fromAttributes(FOREST, attributes,
                "m.pkl"));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("m.pkl: RandomForestClassifier."), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void averagePathLengthIsScikitLearns() {
        assertEquals(0.0, IsolationForest.averagePathLength(1));
        assertEquals(1.0, IsolationForest.averagePathLength(2));
        // numpy: _average_path_length([256]) (the default max_samples)
        assertEquals(10.244770920119917, IsolationForest.averagePathLength(256));
    }

    @Test
    void anIsolationForestAddsPathValuesInTreeOrderAndFlagsNegativeDecisions() {
        Map<String, Object> a = new HashMap<>();
        a.put("_sklearn_version", "1.6.1");
        a.put("n_features_in_", 2L);
        a.put("_max_features", 1L);
        // the tree splits its own feature 0, which is the row's column 1
        a.put("estimators_features_", List.of(List.of(1L)));
        Map<String, Object> e = new HashMap<>();
        e.put("tree_", stump(1, 0.0, true, new double[] {0}, new double[] {0}));
        a.put("estimators_", List.of(e));
        a.put("_decision_path_lengths", List.of(List.of(0L, 1L, 1L)));
        a.put("_average_path_length_per_tree", List.of(new NdArray(new double[] {5, 0, 3}, new int[] {3})));
        a.put("_max_samples", 4L);
        a.put("offset_", -0.5);
        Model model = Estimators.fromAttributes(IFOREST, a, "m.pkl");
        Predictions out = Predictions.of(model, 3);
        model.score(new double[] {9, -1, -9, 1, 0, Double.NaN}, 3, out);
        double c4 = IsolationForest.averagePathLength(4);
        assertEquals(-Math.pow(2, -((1 + 0 - 1.0) / c4)) + 0.5, out.decision[0]); // left leaf: depth 0 → -1 + 0.5
        assertEquals(-Math.pow(2, -((1 + 3 - 1.0) / c4)) + 0.5, out.decision[1]);
        assertEquals(out.decision[0], out.decision[2], "NaN went left (missing_go_to_left)");
        // IsolationForest asks check_array for no finiteness: a double beyond float32 is infinity, and goes right
        Predictions big = Predictions.of(model, 1);
        model.score(new double[] {0, 1e39}, 1, big);
        assertEquals(out.decision[1], big.decision[0]);
        assertEquals(List.of(-1L, 1L), model.labels());
        assertEquals(0, out.label[0], "decision < 0 is an outlier");
        assertEquals(out.decision[1] < 0 ? 0 : 1, out.label[1]);
    }
}
