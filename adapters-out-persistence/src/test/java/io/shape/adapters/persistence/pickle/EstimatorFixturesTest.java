package io.shape.adapters.persistence.pickle;

import io.shape.domain.model.Model;
import io.shape.domain.model.PredictionKind;
import io.shape.domain.model.Predictions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture estimator scikit-learn 1.6.1 pickled (reference/estimators.py): loaded through the
 * restricted unpickler, scored, compared with scikit-learn's own predict, decision_function and predict_proba.
 * Cases marked {@code "exact": true} in their meta.json (the tree models) must agree to the bit. The cases of
 * {@code models-missing} hold NaN in the rows scored, which only the model sees (the engines refuse NaN no step
 * imputes).
 */
class EstimatorFixturesTest {
    private static double worstRelative;
    private static double worstAbsolute;
    private static int compared;
    private static int inexact;
    /** The largest |difference| per case, for the report. */
    private static final java.util.Map<String, Double> LARGEST = new java.util.TreeMap<>();

    static Stream<String> cases() throws IOException {
        List<String> all = new java.util.ArrayList<>();
        for (String family : List.of("models", "models-missing")) {
            try (Stream<Path> dirs = Files.list(Fixtures.root().resolve(family))) {
                dirs.filter(Files::isDirectory).map(p -> family + "/" + p.getFileName()).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresAsScikitLearn(String name) throws IOException {
        Path dir = Fixtures.root().resolve(name);
        boolean exact = Files.readString(dir.resolve("meta.json")).contains("\"exact\": true");
        io.shape.domain.pickled.PickledPipeline pickled = new PickleModelLoader().load(dir.resolve("model.pkl"));
        Model model = pickled.estimator();
        List<String[]> xRows = Fixtures.csv(dir.resolve("X.csv"), true);
        double[] x = Fixtures.matrix(xRows);
        // an estimator's own preprocessing (HistGradientBoosting's _preprocessor) is a step of the pickle
        for (io.shape.domain.transform.FrozenStep step : pickled.steps()) {
            double[] y = new double[xRows.size() * step.fitted().outputWidth()];
            step.fitted().applyBatch(x, y, xRows.size());
            x = y;
        }
        if (name.startsWith("models-missing/")) {
            assertTrue(java.util.Arrays.stream(x).anyMatch(Double::isNaN), name + ": its rows hold no NaN");
        }
        List<String> columns = Fixtures.header(dir.resolve("expected.csv"));
        List<String[]> expected = Fixtures.csv(dir.resolve("expected.csv"), true);
        int rows = xRows.size();
        assertEquals(xRows.get(0).length, model.featureCount(), "featureCount");
        assertEquals(columns.contains("decision_function"), model.hasDecisionFunction(), "hasDecisionFunction");

        Predictions out = Predictions.of(model, rows);
        model.score(x, rows, out);

        int flips = 0;
        for (int r = 0; r < rows; r++) {
            String predicted = expected.get(r)[columns.indexOf("predict")];
            if (model.predictionKind() == PredictionKind.LABEL) {
                if (!String.valueOf(model.labels().get(out.label[r])).equals(predicted)) {
                    flips++;
                }
            } else {
                close(name + " predict row " + r, Double.parseDouble(predicted), out.value[r]);
            }
            if (model.hasDecisionFunction()) {
                close(name + " decision row " + r,
                        Double.parseDouble(expected.get(r)[columns.indexOf("decision_function")]), out.decision[r]);
            }
            for (int k = 0; k < (model.hasProbabilities() ? model.labels().size() : 0); k++) {
                int c = columns.indexOf("probability_" + model.labels().get(k));
                if (c >= 0) {
                    close(name + " probability " + k + " row " + r, Double.parseDouble(expected.get(r)[c]),
                            out.probability(k, r));
                }
            }
        }
        assertTrue(columns.stream().noneMatch(c -> c.startsWith("probability_")) || model.hasProbabilities(),
                name + ": scikit-learn gave predict_proba");
        double largest = largestDifference(model, rows, out, columns, expected);
        synchronized (EstimatorFixturesTest.class) {
            LARGEST.put(name, largest);
        }
        if (exact) {
            assertEquals(0.0, largest, name + ": largest difference from scikit-learn");
        }
        assertEquals(0, flips, name + ": labels differing from scikit-learn");
        assertTrue(model.warnings().isEmpty(), () -> "warnings " + model.warnings());
        assertSameInSmallBatches(model, x, rows, out);
    }

    /** The largest |difference| of any value from scikit-learn's double (the printed repr round-trips). */
    private static double largestDifference(Model model, int rows, Predictions out, List<String> columns,
            List<String[]> expected) {
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            String[] want = expected.get(r);
            if (model.predictionKind() == PredictionKind.VALUE) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(want[columns.indexOf("predict")]) - out.value[r]));
            }
            if (model.hasDecisionFunction()) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(want[columns.indexOf("decision_function")])
                        - out.decision[r]));
            }
            for (int k = 0; k < (model.hasProbabilities() ? model.labels().size() : 0); k++) {
                int c = columns.indexOf("probability_" + model.labels().get(k));
                if (c >= 0) { // the older fixtures record predict and decision_function only
                    worst = Math.max(worst, Math.abs(Double.parseDouble(want[c]) - out.probability(k, r)));
                }
            }
        }
        return worst;
    }

    /** Batch boundaries must not change a single bit (a batch of 7 rows, then 300 rows wrapping blocks). */
    private static void assertSameInSmallBatches(Model model, double[] x, int rows, Predictions whole) {
        int width = model.featureCount();
        for (int first = 0; first < rows; first += 7) {
            int n = Math.min(7, rows - first);
            Predictions part = Predictions.of(model, n);
            model.score(java.util.Arrays.copyOfRange(x, first * width, (first + n) * width), n, part);
            for (int r = 0; r < n; r++) {
                assertEquals(whole.label[first + r], part.label[r]);
                assertEquals(whole.value[first + r], part.value[r]);
                assertEquals(whole.decision[first + r], part.decision[r]);
                for (int k = 0; k < (model.hasProbabilities() ? model.labels().size() : 0); k++) {
                    assertEquals(whole.probability(k, first + r), part.probability(k, r));
                }
            }
        }
        int big = 600;
        double[] tiled = new double[big * width];
        for (int r = 0; r < big; r++) {
            System.arraycopy(x, (r % rows) * width, tiled, r * width, width);
        }
        Predictions many = Predictions.of(model, big);
        model.score(tiled, big, many);
        for (int r = 0; r < big; r++) {
            assertEquals(whole.label[r % rows], many.label[r]);
            assertEquals(whole.value[r % rows], many.value[r]);
            assertEquals(whole.decision[r % rows], many.decision[r]);
        }
    }

    static void close(String what, double expected, double actual) {
        double diff = Math.abs(expected - actual);
        synchronized (EstimatorFixturesTest.class) {
            if (diff > 0) {
                inexact++;
            }
            compared++;
            worstAbsolute = Math.max(worstAbsolute, diff);
            if (expected != 0) {
                worstRelative = Math.max(worstRelative, diff / Math.abs(expected));
            }
        }
        assertTrue(Fixtures.closeEnough(expected, actual),
                () -> what + ": expected " + expected + ", got " + actual + " (diff " + diff + ")");
    }

    @AfterAll
    static void report() {
        System.out.printf(Locale.ROOT, "estimator fixtures: %d values compared, %d not bit-identical, "
                + "worst |diff| %.3g, worst relative %.3g%n", compared, inexact, worstAbsolute, worstRelative);
        LARGEST.forEach((name, worst) -> System.out.printf(Locale.ROOT, "  %s: largest |diff| %.3g%n", name, worst));
    }
}
