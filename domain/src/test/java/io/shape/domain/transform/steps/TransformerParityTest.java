package io.shape.domain.transform.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every scikit-learn 1.6.1 fixture: same fitted attributes and same transformed rows. */
class TransformerParityTest {
    /** |a−b| ≤ 1e-12·max(1,|b|) everywhere; no case needs more (most are bit-exact, counted below). */
    static final double TOLERANCE = 1e-12;

    static Stream<Fixture> fixtures() throws Exception {
        return Fixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void transformsLikeScikitLearn(Fixture fixture) {
        Pipeline pipeline = Pipeline.of(fixture.spec());
        FittedPipeline fitted = Fitting.fit(pipeline, fixture.input(), 1);
        double[][] actual = Fitting.transform(fitted, fixture.input());
        Diff diff = compare(fixture.name() + " transformed", fixture.transformed(), actual);
        if (fixture.name().equals("seed")) {
            assertEquals(0, diff.inexact, "the seed case must be bit-exact");
        }
        System.out.printf("%-34s transformed: %d values, %d not bit-exact, max rel diff %.3g%n",
                fixture.name(), diff.values, diff.inexact, diff.maxRelative);
        compareAttributes(fixture, fitted);
    }

    /**
     * The batch paths engines use ({@code applyBatch}, tiled and vectorized per step) give the row-by-row
     * values to the bit, for batch sizes that do and do not fill the steps' tiles.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void batchesTransformLikeRowByRow(Fixture fixture) {
        Pipeline pipeline = Pipeline.of(fixture.spec());
        FittedPipeline fitted = Fitting.fit(pipeline, fixture.input(), 1);
        double[][] rows = fixture.input();
        double[][] expected = Fitting.transform(fitted, rows);
        int wi = fitted.inputWidth();
        int wo = fitted.outputWidth();
        for (int batch : new int[] {1, 7, 16, 255, 256, 257, 1000}) {
            FittedPipeline.Runner runner = fitted.newRunner(batch);
            double[] in = new double[batch * wi];
            for (int first = 0; first < rows.length; first += batch) {
                int n = Math.min(batch, rows.length - first);
                for (int r = 0; r < n; r++) {
                    System.arraycopy(rows[first + r], 0, in, r * wi, wi);
                }
                double[] out = runner.transform(in, n);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < wo; j++) {
                        int row = first + r;
                        int col = j;
                        assertEquals(Double.doubleToRawLongBits(expected[row][col]),
                                Double.doubleToRawLongBits(out[r * wo + j]),
                                () -> fixture.name() + ": batch of " + batch + " differs at row " + row + ", column "
                                        + col);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void restoredStateTransformsIdentically(Fixture fixture) {
        Pipeline pipeline = Pipeline.of(fixture.spec());
        FittedPipeline fitted = Fitting.fit(pipeline, fixture.input(), 1);
        List<FittedTransform> restored = new ArrayList<>();
        for (int i = 0; i < pipeline.steps().size(); i++) {
            Step step = pipeline.steps().get(i);
            FittedState saved = fitted.transforms().get(i).state();
            restored.add(step.restore(copy(saved)));
        }
        FittedPipeline again = new FittedPipeline(pipeline.features(), restored);
        double[][] a = Fitting.transform(fitted, fixture.input());
        double[][] b = Fitting.transform(again, fixture.input());
        for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < a[r].length; j++) {
                assertEquals(Double.doubleToLongBits(a[r][j]), Double.doubleToLongBits(b[r][j]),
                        () -> fixture.name() + ": restored transform differs");
            }
        }
    }

    /**
     * Merging changes only the grouping of floating-point sums. Sequential sums of n values carry rounding
     * up to ~n·eps, so the tolerance is 1e-14·max(1,|x|) rather than 1e-15: the seed's constant column
     * (−5.19933758260557 × 295 rows) gives means 4.4e-15 apart after a 2-way split, and the variances of a
     * one-hot encoder's 0/1 columns over 4,000 rows 7.6e-14 apart: the bound grows with the rows, n·eps. Order
     * statistics (quantiles, medians, extremes), category counts and the row sample are identical.
     */
    static final double MERGE_TOLERANCE = 1e-14;
    static double maxMergeDifference;

    @org.junit.jupiter.api.AfterAll
    static void reportMerge() {
        System.out.printf("largest relative difference after merging partitions: %.3g%n", maxMergeDifference);
    }

    /** Each step fitted on the same input rows split into 2 and 3 merged partitions: same attributes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void mergedPartitionsFitTheSame(Fixture fixture) {
        Pipeline pipeline = Pipeline.of(fixture.spec());
        double[][] rows = fixture.input();
        for (Step step : pipeline.steps()) {
            int width = rows[0].length;
            FittedTransform whole = Fitting.fitStep(step, width, rows, 1);
            for (int partitions = 2; partitions <= 3; partitions++) {
                FittedTransform merged = Fitting.fitStep(step, width, rows, partitions);
                String what = fixture.name() + " " + step.name() + " in " + partitions + " partitions";
                double tolerance = Math.max(MERGE_TOLERANCE, rows.length * Math.ulp(1.0));
                whole.state().attributes().forEach((k, v) -> assertClose(what + " " + k, v,
                        merged.state().attributes().get(k), tolerance));
            }
            rows = Fitting.apply(whole, rows);
        }
    }

    private static void assertClose(String what, Object expected, Object actual, double tolerance) {
        if (expected instanceof double[][] e) {
            for (int r = 0; r < e.length; r++) {
                assertClose(what + "[" + r + "]", e[r], ((double[][]) actual)[r], tolerance);
            }
        } else if (expected instanceof double[] e) {
            double[] a = (double[]) actual;
            for (int j = 0; j < e.length; j++) {
                int col = j;
                double rel = Math.abs(a[j] - e[j]) / Math.max(1, Math.max(Math.abs(e[j]), Math.abs(a[j])));
                if (rel > 0) {
                    maxMergeDifference = Math.max(maxMergeDifference, rel);
                }
                boolean same = Double.isNaN(e[j]) ? Double.isNaN(a[j])
                        : a[j] == e[j] || rel <= tolerance;
                assertTrue(same, () -> what + "[" + col + "]: " + a[col] + " vs " + e[col]);
            }
        } else {
            assertEquals(expected, actual, what);
        }
    }

    @Test
    void seedIsBitExactAgainstBothScikitLearnReferences() {
        Fixture seed = new Fixture("seed", Fixture.reference().resolve("fixtures/transformers/seed"));
        Pipeline pipeline = Pipeline.of(Fixture.spec(Fixture.reference().resolve("fixtures/seed/spec.json")));
        double[][] input = seed.input();
        double[][] actual = Fitting.transform(Fitting.fit(pipeline, input, 1), input);
        // scikit-learn 1.2.1's file has no header line
        double[][] old = Fixture.csv(Fixture.reference().resolve("fixtures/seed/transformed.csv"), false);
        for (double[][] expected : List.of(seed.transformed(), old)) {
            assertEquals(expected.length, actual.length);
            for (int r = 0; r < expected.length; r++) {
                for (int j = 0; j < expected[r].length; j++) {
                    int row = r;
                    int col = j;
                    assertEquals(expected[r][j], actual[r][j], 0.0, () -> "row " + row + " col " + col);
                }
            }
        }
    }

    record Diff(int values, int inexact, double maxRelative) {
    }

    static Diff compare(String what, double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, what + ": rows");
        int inexact = 0;
        int values = 0;
        double max = 0;
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + ": columns of row " + r);
            for (int j = 0; j < expected[r].length; j++) {
                values++;
                double e = expected[r][j];
                double a = actual[r][j];
                if (Double.isNaN(e) || Double.isNaN(a)) {
                    if (Double.isNaN(e) != Double.isNaN(a)) {
                        fail(what + " row " + r + " col " + j + ": " + a + " vs scikit-learn " + e);
                    }
                    continue;
                }
                if (a != e) {
                    inexact++;
                    double rel = Math.abs(a - e) / Math.max(1, Math.abs(e));
                    max = Math.max(max, rel);
                    if (!(rel <= TOLERANCE)) {
                        fail(what + " row " + r + " col " + j + ": " + a + " vs scikit-learn " + e);
                    }
                }
            }
        }
        return new Diff(values, inexact, max);
    }

    private static void compareAttributes(Fixture fixture, FittedPipeline fitted) {
        JsonNode all = fixture.fitted();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> step = it.next();
            FittedState state = fitted.transforms().get(i).state();
            assertEquals(step.getKey(), state.step());
            assertEquals(step.getValue().get("class").asText(), state.sklearnClass());
            for (Iterator<Map.Entry<String, JsonNode>> attrs = step.getValue().fields(); attrs.hasNext(); ) {
                Map.Entry<String, JsonNode> attr = attrs.next();
                if (attr.getKey().equals("class")) {
                    continue;
                }
                String what = fixture.name() + " " + step.getKey() + "." + attr.getKey();
                Object actual = state.attributes().get(attr.getKey());
                assertTrue(actual != null, what + " missing from the fitted state");
                JsonNode e = attr.getValue();
                if (e.isArray() && e.size() > 0 && e.get(0).isArray()) {
                    double[][] expected = new double[e.size()][];
                    for (int r = 0; r < e.size(); r++) {
                        expected[r] = vector(e.get(r));
                    }
                    compare(what, expected, (double[][]) actual);
                } else if (e.isArray()) {
                    compare(what, new double[][] {vector(e)}, new double[][] {(double[]) actual});
                } else if (e.isIntegralNumber()) {
                    assertEquals(e.longValue(), actual, what);
                } else {
                    compare(what, new double[][] {{e.doubleValue()}}, new double[][] {{(Double) actual}});
                }
            }
        }
    }

    private static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).doubleValue();
        }
        return v;
    }

    /** A state as an adapter would read it back: fresh arrays, same values. */
    private static FittedState copy(FittedState s) {
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        s.attributes().forEach((k, v) -> {
            if (v instanceof double[] d) {
                v = d.clone();
            } else if (v instanceof double[][] m) {
                double[][] c = new double[m.length][];
                for (int r = 0; r < m.length; r++) {
                    c[r] = m[r].clone();
                }
                v = c;
            }
            attributes.put(k, v);
        });
        return new FittedState(s.step(), s.sklearnClass(), s.inputWidth(), s.outputWidth(), attributes);
    }
}
