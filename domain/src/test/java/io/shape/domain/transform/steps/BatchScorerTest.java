package io.shape.domain.transform.steps;

import io.shape.domain.model.Estimators;
import io.shape.domain.model.Model;
import io.shape.domain.model.NdArray;
import io.shape.domain.model.Predictions;
import io.shape.domain.transform.BatchScorer;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.Pipeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scoring through column tiles gives what transforming the rows and scoring them gives, to the bit: every
 * fixture's fitted pipeline with an RBF one-class model on its own output (support vectors taken from its
 * rows, so kernels are far from 0), and a linear model that has no column form (the row path).
 */
class BatchScorerTest {
    static Stream<Fixture> fixtures() throws Exception {
        return Fixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void columnTilesScoreLikeRows(Fixture fixture) {
        FittedPipeline fitted = Fitting.fit(Pipeline.of(fixture.spec()), fixture.input(), 1);
        double[][] rows = fixture.input();
        double[][] transformed = Fitting.transform(fitted, rows);
        int width = fitted.outputWidth();
        for (Model model : new Model[] {oneClass(transformed, width), linear(width)}) {
            Predictions expected = Predictions.of(model, rows.length);
            double[] flat = new double[rows.length * width];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(transformed[r], 0, flat, r * width, width);
            }
            model.score(flat, rows.length, expected);
            for (int batch : new int[] {1, 255, 256, 257, 600}) {
                check(fixture.name() + " " + model.estimatorClass() + ", batches of " + batch, fitted, model, rows,
                        batch, expected);
            }
        }
    }

    private static void check(String what, FittedPipeline fitted, Model model, double[][] rows, int batch,
                              Predictions expected) {
        BatchScorer scorer = BatchScorer.of(fitted, model, batch);
        int wi = fitted.inputWidth();
        double[] in = new double[batch * wi];
        Predictions out = Predictions.of(model, batch);
        for (int first = 0; first < rows.length; first += batch) {
            int n = Math.min(batch, rows.length - first);
            for (int r = 0; r < n; r++) {
                System.arraycopy(rows[first + r], 0, in, r * wi, wi);
            }
            scorer.score(in, n, out);
            for (int r = 0; r < n; r++) {
                int row = first + r;
                assertEquals(Double.doubleToRawLongBits(expected.decision[row]),
                        Double.doubleToRawLongBits(out.decision[r]), () -> what + ": decision of row " + row);
                assertEquals(expected.label[row], out.label[r], () -> what + ": label of row " + row);
            }
        }
    }

    private static Model oneClass(double[][] transformed, int width) {
        int count = Math.min(7, transformed.length);
        double[] sv = new double[count * width];
        double[] coef = new double[count];
        for (int i = 0; i < count; i++) {
            double[] row = transformed[i * (transformed.length / count)];
            for (int j = 0; j < width; j++) {
                // rows of the NaN-passing fixtures: a model never holds NaN
                sv[i * width + j] = Double.isFinite(row[j]) ? row[j] : 0.5;
            }
            coef[i] = 1.0 / (i + 1);
        }
        Map<String, Object> a = new HashMap<>();
        a.put("_sklearn_version", "1.6.1");
        a.put("kernel", "rbf");
        a.put("_gamma", 0.5 / width);
        a.put("support_vectors_", new NdArray(sv, new int[] {count, width}));
        a.put("_dual_coef_", new NdArray(coef, new int[] {1, count}));
        a.put("_intercept_", new NdArray(new double[] {-0.3}, new int[] {1}));
        return Estimators.fromAttributes("sklearn.svm._classes.OneClassSVM", a, "m.pkl");
    }

    private static Model linear(int width) {
        double[] w = new double[width];
        for (int j = 0; j < width; j++) {
            w[j] = Math.sin(j + 1);
        }
        Map<String, Object> a = new HashMap<>();
        a.put("_sklearn_version", "1.6.1");
        a.put("coef_", new NdArray(w, new int[] {1, width}));
        a.put("intercept_", new NdArray(new double[] {0.1}, new int[] {1}));
        a.put("classes_", new NdArray(new double[] {0, 1}, new int[] {2}));
        return Estimators.fromAttributes("sklearn.linear_model._logistic.LogisticRegression", a, "m.pkl");
    }
}
