package io.shape.domain.transform.numeric;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.model.NdArray;
import io.shape.domain.transform.FittedTransform;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The numeric transformers' rules on small hand-made pickled states (parity with scikit-learn is the fixtures' job, in
 * the engine contract): the branches scikit-learn takes at edges, and every refusal naming the step and the attribute.
 */
class NumericTransformersTest {
    private static final List<String> AB = List.of("'a'", "'b'");

    private static NdArray vector(double... v) {
        return new NdArray(v, new int[] {v.length});
    }

    private static NdArray matrix(int rows, int columns, double... v) {
        return new NdArray(v, new int[] {rows, columns});
    }

    private static Map<String, Object> pca(boolean whiten) {
        Map<String, Object> s = new HashMap<>();
        s.put("n_components", 2L);
        s.put("whiten", whiten);
        s.put("n_features_in_", 2L);
        s.put("n_components_", 2L);
        s.put("components_", matrix(2, 2, 0.6, 0.8, -0.8, 0.6));
        s.put("mean_", vector(1.0, 2.0));
        s.put("explained_variance_", vector(4.0, 0.0));
        return s;
    }

    private static Map<String, Object> power(String method, boolean standardize) {
        Map<String, Object> s = new HashMap<>();
        s.put("method", method);
        s.put("standardize", standardize);
        s.put("copy", true);
        s.put("n_features_in_", 2L);
        s.put("lambdas_", vector(0.0, 2.0));
        if (standardize) {
            Map<String, Object> scaler = new HashMap<>();
            scaler.put("__class__", "sklearn.preprocessing._data.StandardScaler");
            scaler.put("with_mean", true);
            scaler.put("with_std", true);
            scaler.put("n_features_in_", 2L);
            scaler.put("mean_", vector(1.0, -1.0));
            scaler.put("scale_", vector(2.0, 4.0));
            s.put("_scaler", scaler);
        }
        return s;
    }

    private static Map<String, Object> kbins(String encode, NdArray... edges) {
        Map<String, Object> s = new HashMap<>();
        s.put("n_bins", 3L);
        s.put("encode", encode);
        s.put("strategy", "quantile");
        s.put("dtype", null);
        s.put("n_features_in_", (long) edges.length);
        s.put("bin_edges_", new ArrayList<Object>(List.of((Object[]) edges)));
        List<Object> bins = new ArrayList<>();
        List<Object> categories = new ArrayList<>();
        List<Object> widths = new ArrayList<>();
        for (NdArray e : edges) {
            int n = e.data().length - 1;
            bins.add((long) n);
            double[] c = new double[n];
            for (int k = 0; k < n; k++) {
                c[k] = k;
            }
            categories.add(vector(c));
            widths.add((long) n);
        }
        s.put("n_bins_", bins);
        if (!encode.equals("ordinal")) {
            Map<String, Object> encoder = new HashMap<>();
            encoder.put("__class__", "sklearn.preprocessing._encoders.OneHotEncoder");
            encoder.put("handle_unknown", "error");
            encoder.put("categories_", categories);
            encoder.put("n_features_in_", (long) edges.length);
            encoder.put("_infrequent_enabled", false);
            encoder.put("_n_features_outs", widths);
            s.put("_encoder", encoder);
        }
        return s;
    }

    private static double[] row(FittedTransform t, double... in) {
        double[] out = new double[t.outputWidth()];
        t.apply(in, 0, out, 0);
        return out;
    }

    private static void refused(String pythonClass, Map<String, Object> state, String... fragments) {
        ShapeException e = assertThrows(ShapeException.class,
                () -> NumericTransformers.read(pythonClass, "pre/x", state, AB));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("step 'pre/x'"), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }

    @Test
    void pcaProjectsThenSubtractsTheProjectedMeanAndWhitensWithTheVarianceClippedAtEpsilon() {
        FittedTransform plain = NumericTransformers.read(NumericTransformers.PCA, "pca", pca(false), AB);
        // (3, 6) projected: 0.6*3+0.8*6 = 6.6 minus mean's 0.6+1.6 = 2.2; -0.8*3+0.6*6 = 1.2 minus -0.8+1.2 = 0.4
        double[] p = row(plain, 3, 6);
        assertEquals(6.6 - 2.2, p[0], 1e-12);
        assertEquals(1.2 - 0.4, p[1], 1e-12);
        FittedTransform whitened = NumericTransformers.read(NumericTransformers.PCA, "pca", pca(true), AB);
        double[] w = row(whitened, 3, 6);
        assertEquals(p[0] / 2.0, w[0], 0.0);
        assertEquals(p[1] / Math.ulp(1.0), w[1], 0.0); // a zero variance divides by eps, not by 0
    }

    @Test
    void pcaRefusesWrongShapesAndNonFiniteInputNamingTheColumn() {
        Map<String, Object> s = pca(false);
        s.put("components_", matrix(1, 2, 0.6, 0.8));
        refused(NumericTransformers.PCA, s, "components_", "2 × 2");
        s = pca(false);
        s.put("n_components_", 3L);
        refused(NumericTransformers.PCA, s, "n_components_");
        s = pca(true);
        s.put("explained_variance_", vector(1.0));
        refused(NumericTransformers.PCA, s, "explained_variance_");
        s = pca(false);
        s.put("n_neighbors", 3L);
        refused(NumericTransformers.PCA, s, "'n_neighbors'");
        FittedTransform t = NumericTransformers.read(NumericTransformers.PCA, "pre/x", pca(false), AB);
        ShapeException e = assertThrows(ShapeException.class, () -> row(t, 1.0, Double.NaN));
        assertTrue(e.getMessage().contains("step 'pre/x' (PCA) met NaN in its column 'b'"), e.getMessage());
    }

    @Test
    void normalizerDividesByEachNormAndLeavesAZeroRowZero() {
        Map<String, Object> s = new HashMap<>(Map.of("norm", "l1", "copy", true, "n_features_in_", 2L));
        assertArrayEquals(new double[] {3.0 / 7, -4.0 / 7}, row(NumericTransformers.read(NumericTransformers.NORMALIZER,
                "n", s, AB), 3, -4), 0.0);
        s.put("norm", "l2");
        FittedTransform l2 = NumericTransformers.read(NumericTransformers.NORMALIZER, "n", s, AB);
        assertArrayEquals(new double[] {0.6, -0.8}, row(l2, 3, -4), 0.0);
        assertArrayEquals(new double[] {0.0, 0.0}, row(l2, 0, 0), 0.0);
        s.put("norm", "max");
        assertArrayEquals(new double[] {-0.75, 1.0}, row(NumericTransformers.read(NumericTransformers.NORMALIZER,
                "n", s, AB), -3, 4), 0.0);
        s.put("norm", "l3");
        refused(NumericTransformers.NORMALIZER, s, "norm=l3", "'l1', 'l2', 'max'");
    }

    @Test
    void yeoJohnsonTakesTheLogBranchesAtLambdaZeroAndTwo() {
        FittedTransform t = NumericTransformers.read(NumericTransformers.POWER, "p", power("yeo-johnson", false), AB);
        // λ=0 for x ≥ 0 is log1p(x); λ=2 for x < 0 is -log1p(-x)
        assertArrayEquals(new double[] {Math.log1p(3.0), -Math.log1p(5.0)}, row(t, 3, -5), 0.0);
        // λ=0 for x < 0: -((1-x)^2 - 1)/2; λ=2 for x ≥ 0: ((x+1)^2 - 1)/2
        assertArrayEquals(new double[] {-(Math.pow(3.0, 2) - 1) / 2, (Math.pow(4.0, 2) - 1) / 2}, row(t, -2, 3), 0.0);
        double[] nan = row(t, Double.NaN, 1);
        assertTrue(Double.isNaN(nan[0]));
        assertArrayEquals(new boolean[] {true, false}, t.missingAfter(new boolean[] {true, false}));
    }

    @Test
    void powerTransformerStandardizesWithItsPickledScaler() {
        FittedTransform t = NumericTransformers.read(NumericTransformers.POWER, "p", power("box-cox", true), AB);
        // box-cox λ=0 is log(x); λ=2 is expm1(2 log x)/2; then (y - mean) / scale
        double[] out = row(t, Math.E, 3);
        assertEquals((Math.log(Math.E) - 1.0) / 2.0, out[0], 0.0);
        assertEquals((Math.expm1(2 * Math.log(3)) / 2 + 1.0) / 4.0, out[1], 0.0);
    }

    @Test
    void boxCoxRefusesNonPositiveInputNamingTheStepAndColumn() {
        FittedTransform t = NumericTransformers.read(NumericTransformers.POWER, "pre/x", power("box-cox", false), AB);
        ShapeException e = assertThrows(ShapeException.class, () -> row(t, 1.0, 0.0));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains(
                "step 'pre/x' (PowerTransformer, method='box-cox') met 0.0 in its column 'b'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("strictly positive"), e.getMessage());
    }

    @Test
    void powerTransformerRefusesUnknownMethodsAndDamagedState() {
        refused(NumericTransformers.POWER, new HashMap<>(power("box_cox", false)), "method=box_cox", "'yeo-johnson'");
        Map<String, Object> s = power("yeo-johnson", false);
        s.put("lambdas_", vector(1.0));
        refused(NumericTransformers.POWER, s, "lambdas_", "not 2 numbers");
        s = power("yeo-johnson", true);
        s.remove("_scaler");
        refused(NumericTransformers.POWER, s, "_scaler");
        s = power("yeo-johnson", true);
        ((Map<String, Object>) s.get("_scaler")).put("scale_", vector(1.0, 2.0, 3.0));
        refused(NumericTransformers.POWER, s, "_scaler.scale_");
    }

    @Test
    void binsCountTheInnerEdgesAtOrBelowTheValue() {
        FittedTransform t = NumericTransformers.read(NumericTransformers.KBINS, "b",
                kbins("ordinal", vector(0, 1, 2, 3), vector(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)), AB);
        assertArrayEquals(new double[] {0, 0}, row(t, -5, 1), 0.0); // below the fitted range: the first bin
        assertArrayEquals(new double[] {1, 0}, row(t, 1, 1), 0.0); // on an edge: the bin it opens (side='right')
        assertArrayEquals(new double[] {2, 0}, row(t, 2.5, 1), 0.0);
        assertArrayEquals(new double[] {2, 0}, row(t, 99, 1), 0.0); // beyond the last edge: the last bin
        ShapeException e = assertThrows(ShapeException.class, () -> row(t, Double.NaN, 1));
        assertTrue(e.getMessage().contains("(KBinsDiscretizer) met NaN in its column 'a'"), e.getMessage());
    }

    @Test
    void binsAreOneHotEncodedThroughTheirEncoderRowByRowAndInBatches() {
        FittedTransform t = NumericTransformers.read(NumericTransformers.KBINS, "b",
                kbins("onehot-dense", vector(0, 1, 2, 3), vector(0, 5, 10)), AB);
        assertEquals(5, t.outputWidth());
        assertArrayEquals(new double[] {0, 1, 0, 0, 1}, row(t, 1.5, 7), 0.0);
        double[] out = new double[10];
        t.applyBatch(new double[] {1.5, 7, -1, 0}, out, 2);
        assertArrayEquals(new double[] {0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, out, 0.0);
    }

    @Test
    void kbinsRefusesUnknownEncodingsAndDamagedState() {
        refused(NumericTransformers.KBINS, kbins("onehot-sparse", vector(0, 1, 2)), "encode=onehot-sparse");
        Map<String, Object> s = kbins("ordinal", vector(0, 1, 2));
        s.put("strategy", "median");
        refused(NumericTransformers.KBINS, s, "strategy=median");
        refused(NumericTransformers.KBINS, kbins("ordinal", vector(0, 2, 1)), "bin_edges_[0] not sorted");
        refused(NumericTransformers.KBINS, kbins("ordinal", vector(1)), "bin_edges_[0]", "at least 2 edges");
        s = kbins("onehot", vector(0, 1, 2));
        s.remove("_encoder");
        refused(NumericTransformers.KBINS, s, "_encoder");
        s = kbins("ordinal", vector(0, 1, 2));
        s.put("dtype", "numpy.float32");
        refused(NumericTransformers.KBINS, s, "dtype=numpy.float32");
        s = kbins("ordinal", vector(0, 1, 2));
        s.put("n_bins_", List.of(5L));
        refused(NumericTransformers.KBINS, s, "n_bins_");
    }
}
