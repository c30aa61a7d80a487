package io.shape.domain.model;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scikit-learn attribute semantics, version policy and libsvm voting, on hand-made fitted attributes. */
class EstimatorsTest {
    private static final String SVC = "sklearn.svm._classes.SVC";
    private static final String OCSVM = "sklearn.svm._classes.OneClassSVM";

    /** Three classes, one linear support vector each, coefficients chosen so every pair decides by hand. */
    private static Map<String, Object> threeClassSvc(double[] intercepts) {
        Map<String, Object> a = new HashMap<>();
        a.put("_sklearn_version", "1.6.1");
        a.put("kernel", "linear");
        a.put("_gamma", 1.0);
        a.put("coef0", 0.0);
        a.put("degree", 3L);
        a.put("classes_", List.of("a", "b", "c"));
        a.put("_n_support", List.of(1L, 1L, 1L));
        a.put("support_vectors_", new NdArray(new double[] {1, 1, 1}, new int[] {3, 1}));
        a.put("_dual_coef_", new NdArray(new double[] {0, 0, 0, 0, 0, 0}, new int[] {2, 3}));
        a.put("_intercept_", new NdArray(intercepts, new int[] {3}));
        a.put("n_features_in_", 1L);
        return a;
    }

    private static int predict(Model model, double x) {
        Predictions out = Predictions.of(model, 1);
        model.score(new double[] {x}, 1, out);
        return out.label[0];
    }

    @Test
    void votingTieGoesToTheLowestClass() {
        // decisions are just -rho = intercept: (a,b) > 0 votes a, (a,c) <= 0 votes c, (b,c) > 0 votes b: 1-1-1
        Model model = Estimators.fromAttributes(SVC, threeClassSvc(new double[] {1, -1, 1}), "m.pkl");
        assertEquals(0, predict(model, 0.5));
        // (a,b) <= 0 votes b, (a,c) <= 0 votes c, (b,c) exactly 0 votes c (libsvm: only > 0 votes i)
        Model zero = Estimators.fromAttributes(SVC, threeClassSvc(new double[] {-1, -1, 0}), "m.pkl");
        assertEquals(2, predict(zero, 0.5));
        assertEquals(List.of("a", "b", "c"), zero.labels());
    }

    @Test
    void breakTiesUsesTheOneVsRestConfidence() {
        Map<String, Object> a = threeClassSvc(new double[] {1, -1, 2});
        a.put("break_ties", true);
        // votes a:1 b:1 c:1; confidences a = 1 + (-1) = 0, b = -1 + 2 = 1, c = 1 - 2 = -1: b wins
        assertEquals(1, predict(Estimators.fromAttributes(SVC, a, "m.pkl"), 0.5));
    }

    @Test
    void oneClassDecisionOfExactlyZeroIsAnOutlier() {
        Model model = Estimators.fromAttributes(OCSVM, oneClassSvm(), "m.pkl");
        Predictions out = Predictions.of(model, 2);
        model.score(new double[] {0.0, 0.0, 1.0, 0.0}, 2, out);
        assertEquals(0.0, out.decision[0]);
        assertEquals(-1L, model.labels().get(out.label[0]));
        assertEquals(Math.exp(-0.5) - 1.0, out.decision[1]);
    }

    @Test
    void missingFittedAttributeNamesTheFileAndTheRemedy() {
        Map<String, Object> a = threeClassSvc(new double[] {1, 1, 1});
        a.remove("support_vectors_");
        ShapeException e = assertThrows(ShapeException.class, () -> Estimators.fromAttributes(SVC, a, "m.pkl"));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("m.pkl: SVC has no fitted attribute 'support_vectors_': the pickle "
                + "is not fitted, or was written by a scikit-learn version shape does not support"), e.getMessage());
    }

    @Test
    void aNonFiniteWeightIsRefusedRatherThanScoringEveryRowAsNaN() {
        Map<String, Object> a = threeClassSvc(new double[] {1, Double.NaN, 1});
        ShapeException e = assertThrows(ShapeException.class, () -> Estimators.fromAttributes(SVC, a, "m.pkl"));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("SVC._intercept_ holds NaN"), e.getMessage());
        Map<String, Object> b = threeClassSvc(new double[] {1, 1, 1});
        b.put("_gamma", Double.POSITIVE_INFINITY);
        assertThrows(ShapeException.class, () -> Estimators.fromAttributes(SVC, b, "m.pkl"));
    }

    @Test
    void versionsOutsideOneTwoToOneSevenAreRefusedAndOthersWarned() {
        for (String outside : List.of("0.24.2", "1.1.3", "1.8.0", "2.0.0")) {
            Map<String, Object> a = threeClassSvc(new double[] {1, 1, 1});
            a.put("_sklearn_version", outside);
            ShapeException e = assertThrows(ShapeException.class, () -> Estimators.fromAttributes(SVC, a, "m.pkl"));
            assertEquals(ErrorKind.INVALID_INPUT, e.kind());
            assertTrue(e.getMessage().contains("SVC was saved by scikit-learn " + outside + ", an unsupported version "
                    + "(shape reads 1.2 to 1.7; "), e.getMessage());
        }
        for (String fixtures : List.of("1.2.2", "1.4.2", "1.6.1", "1.7.2")) {
            Map<String, Object> a = threeClassSvc(new double[] {1, 1, 1});
            a.put("_sklearn_version", fixtures);
            assertEquals(List.of(), Estimators.fromAttributes(SVC, a, "m.pkl").warnings(), fixtures);
        }
        Map<String, Object> newer = threeClassSvc(new double[] {1, 1, 1});
        newer.put("_sklearn_version", "1.7.0");
        Model model = Estimators.fromAttributes(SVC, newer, "m.pkl");
        assertEquals(List.of("m.pkl: SVC was saved by scikit-learn 1.7.0; shape is tested against 1.2.2, 1.3.2, "
                + "1.4.2, 1.5.2, 1.6.1, 1.7.2 (its scoring follows them)."), model.warnings());
    }

    @Test
    void unsupportedClassesAndKernelsAreNamed() {
        ShapeException e = assertThrows(ShapeException.class, () -> Estimators.fromAttributes(
                "sklearn.neighbors._classification.KNeighborsClassifier", Map.of(), "m.pkl"));
        assertTrue(e.getMessage().contains("KNeighborsClassifier is not an estimator shape can score"));
        Map<String, Object> a = threeClassSvc(new double[] {1, 1, 1});
        a.put("kernel", "precomputed");
        e = assertThrows(ShapeException.class, () -> Estimators.fromAttributes(SVC, a, "m.pkl"));
        assertTrue(e.getMessage().contains("kernel='precomputed'"), e.getMessage());
    }

    /** One support vector at the origin: a model shape scores, for tests that change one attribute. */
    private static Map<String, Object> oneClassSvm() {
        Map<String, Object> a = new HashMap<>();
        a.put("_sklearn_version", "1.6.1");
        a.put("kernel", "rbf");
        a.put("_gamma", 0.5);
        a.put("support_vectors_", new NdArray(new double[] {0.0, 0.0}, new int[] {1, 2}));
        a.put("_dual_coef_", new NdArray(new double[] {1.0}, new int[] {1, 1}));
        a.put("_intercept_", new NdArray(new double[] {-1.0}, new int[] {1}));
        return a;
    }

    /** {@code x = [0]; x = [x, x]} fifty times: 2^51 elements if printed, a few objects in memory. */
    private static List<Object> sharedList() {
        List<Object> x = List.of(0L);
        for (int i = 0; i < 50; i++) {
            x = List.of(x, x);
        }
        return x;
    }

    private static String refusal(Map<String, Object> attributes) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(ShapeException.class,
                () -> Estimators.fromAttributes(OCSVM, attributes, "m.pkl")).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kernel", "_sklearn_version", "support_vectors_", "_gamma", "n_features_in_"})
    void aSharedListAttributeIsNamedInAShortMessageWithoutBeingExpanded(String attribute) {
        Map<String, Object> a = oneClassSvm();
        a.put(attribute, sharedList());
        String message = refusal(a);
        assertTrue(message.length() <= 300, message);
        assertTrue(message.startsWith("m.pkl: OneClassSVM"), message);
        assertTrue(message.contains(attribute), message);
    }

    @Test
    void aMegabyteVersionIsShownAsAnExcerpt() {
        Map<String, Object> a = oneClassSvm();
        a.put("_sklearn_version", "x".repeat(1 << 20));
        String message = refusal(a);
        assertTrue(message.length() <= 300, message);
        assertTrue(message.contains("not a version shape can read"), message);
        assertTrue(message.contains("(1048576 chars)"), message);

        a.put("_sklearn_version", "1.7." + "9".repeat(1 << 20));
        Model model = Estimators.fromAttributes(OCSVM, a, "m.pkl");
        assertEquals(1, model.warnings().size());
        assertTrue(model.warnings().get(0).length() <= 300, model.warnings().get(0));
        assertTrue(String.valueOf(model.describe().get("sklearn_version")).length() <= 80);
    }

    @Test
    void aOneClassSvmWithoutSupportVectorsIsRefusedRatherThanScoringEveryRowAnOutlier() {
        Map<String, Object> a = oneClassSvm();
        a.put("support_vectors_", new NdArray(new double[0], new int[] {0, 2}));
        a.put("_dual_coef_", new NdArray(new double[0], new int[] {1, 0}));
        assertTrue(refusal(a).startsWith("m.pkl: OneClassSVM has no support vectors"), refusal(a));
        assertTrue(refusal(a).endsWith("fit it again."), refusal(a));
    }

    @Test
    void anSvrWithoutSupportVectorsPredictsItsIntercept() {
        Map<String, Object> a = oneClassSvm();
        a.put("support_vectors_", new NdArray(new double[0], new int[] {0, 2}));
        a.put("_dual_coef_", new NdArray(new double[0], new int[] {1, 0}));
        a.put("_intercept_", new NdArray(new double[] {2.5}, new int[] {1}));
        Model model = Estimators.fromAttributes("sklearn.svm._classes.SVR", a, "m.pkl");
        Predictions out = Predictions.of(model, 1);
        model.score(new double[] {3.0, -1.0}, 1, out);
        assertEquals(2.5, out.value[0]);
    }

    @Test
    void libsvmPowiRoundsLikeRepeatedSquaring() {
        assertEquals(1.0, SvmKernel.powi(7.0, 0));
        double b = 1.1;
        assertEquals(((b * b) * (b * b)) * b, SvmKernel.powi(b, 5));
    }
}
