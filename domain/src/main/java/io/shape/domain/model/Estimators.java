package io.shape.domain.model;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Model} from the state of an unpickled scikit-learn estimator, given as neutral values
 * ({@link NdArray}, {@link Long}, {@link Double}, {@link String}, {@link Boolean}, {@link List},
 * {@link Map}), knowing what scikit-learn's fitted attributes mean.
 */
public final class Estimators {
    /** The estimator classes shape scores, by the module scikit-learn 1.2–1.7 define them in. */
    private static final Map<String, String> SUPPORTED = withTrees(Map.of(
            "sklearn.svm._classes.OneClassSVM", "OneClassSVM",
            "sklearn.svm._classes.SVC", "SVC",
            "sklearn.svm._classes.NuSVC", "NuSVC",
            "sklearn.svm._classes.SVR", "SVR",
            "sklearn.svm._classes.NuSVR", "NuSVR",
            "sklearn.svm._classes.LinearSVC", "LinearSVC",
            "sklearn.svm._classes.LinearSVR", "LinearSVR",
            "sklearn.linear_model._logistic.LogisticRegression", "LogisticRegression"));

    private Estimators() {
    }

    private static Map<String, String> withTrees(Map<String, String> others) {
        Map<String, String> all = new java.util.HashMap<>(others);
        all.putAll(TreeModels.CLASSES);
        all.putAll(GradientBoosting.CLASSES);
        all.putAll(HistGradientBoosting.CLASSES);
        return Map.copyOf(all);
    }

    /**
     * Classes an estimator's pickle holds whose fitted values it needs (gradient boosting's Dummy init
     * estimators): read as data, never scored on their own.
     */
    public static List<String> partClasses() {
        List<String> parts = new java.util.ArrayList<>(BoostingStart.CLASSES);
        parts.addAll(HistGradientBoosting.PARTS);
        return List.copyOf(parts);
    }

    /** The qualified Python class names ({@code module.Class}) {@link #fromAttributes} accepts. */
    public static Set<String> supportedClasses() {
        return SUPPORTED.keySet();
    }

    /**
     * @param pythonClass the qualified class, e.g. {@code sklearn.svm._classes.OneClassSVM}
     * @param attributes the estimator's {@code __dict__} as pickled
     * @param source what to name in messages (the file)
     * @throws ShapeException {@code INVALID_INPUT} for unsupported classes, versions, parameters or
     *         missing fitted attributes, naming {@code source} and the remedy
     */
    public static Model fromAttributes(String pythonClass, Map<String, Object> attributes, String source) {
        String name = SUPPORTED.get(pythonClass);
        if (name == null) {
            throw ShapeException.invalidInput(source + ": " + pythonClass + " is not an estimator shape can "
                    + "score; it scores OneClassSVM, SVC, NuSVC, SVR, NuSVR, LinearSVC, LinearSVR, LogisticRegression, "
                    + "decision and extra trees, random and extra forests, IsolationForest, GradientBoosting and HistGradientBoosting "
                    + "(docs/CONTRACT.md lists them).");
        }
        FittedAttributes a = new FittedAttributes(name, attributes, source);
        List<String> warnings = SklearnVersion.check(attributes.get("_sklearn_version"), name, source);
        Map<String, Object> description = new LinkedHashMap<>();
        Object version = attributes.get("_sklearn_version");
        // checked to be text by now, but of any length: what is recorded with the run is an excerpt
        description.put("sklearn_version", version == null ? "unknown" : Excerpt.of(version));
        return switch (name) {
            case "OneClassSVM", "SVR", "NuSVR" -> singleSvm(name, a, description, warnings);
            case "SVC", "NuSVC" -> svmClassifier(name, a, description, warnings);
            case "LinearSVC", "LogisticRegression" -> linearClassifier(name, a, description, warnings);
            case "LinearSVR" -> linearRegressor(name, a, description, warnings);
            case "GradientBoostingClassifier", "GradientBoostingRegressor" ->
                    GradientBoosting.read(name, a, description, warnings);
            case "HistGradientBoostingClassifier", "HistGradientBoostingRegressor" ->
                    HistGradientBoosting.read(name, a, description, warnings);
            default -> {
                if (!TreeModels.CLASSES.containsValue(name)) {
                    throw new IllegalStateException(name);
                }
                yield TreeModels.read(name, a, description, warnings);
            }
        };
    }

    private static Model singleSvm(String name, FittedAttributes a, Map<String, Object> description,
            List<String> warnings) {
        KernelExpansion expansion = expansion(a, description);
        if (name.equals("OneClassSVM") && expansion.count == 0) {
            throw a.unsupported("has no support vectors, which no fit gives (libsvm puts a weight of nu × "
                    + "n_samples on them): the file was altered or the fit failed; fit it again");
        }
        NdArray dual = a.array("_dual_coef_");
        NdArray intercept = a.array("_intercept_");
        if (dual.rows() != 1 || dual.columns() != expansion.count || intercept.data().length != 1) {
            throw a.invalid("_dual_coef_", "has shape " + Arrays.toString(dual.shape()) + " (intercept "
                    + Arrays.toString(intercept.shape()) + "), expected 1 × " + expansion.count + " and 1");
        }
        for (String p : List.of("nu", "C", "epsilon")) {
            putIfPresent(description, a, p);
        }
        // libsvm keeps rho = -intercept_ and computes "sum - rho": the same double as "sum + intercept_"
        double rho = -intercept.data()[0];
        double[] coef = dual.data().clone();
        if (name.equals("OneClassSVM")) {
            return new OneClassSvm(expansion, coef, rho, description, warnings);
        }
        return new SvmRegressor(name, expansion, coef, rho, description, warnings);
    }

    private static Model svmClassifier(String name, FittedAttributes a, Map<String, Object> description,
            List<String> warnings) {
        List<Object> labels = ClassLabels.of(a);
        int classes = labels.size();
        KernelExpansion expansion = expansion(a, description);
        int[] supportCount = a.intVector(a.firstPresent("_n_support", "n_support_"));
        NdArray dual = a.array("_dual_coef_");
        NdArray intercept = a.array("_intercept_");
        int pairs = classes * (classes - 1) / 2;
        if (supportCount.length != classes || Arrays.stream(supportCount).sum() != expansion.count) {
            throw a.invalid("_n_support", "is " + Arrays.toString(supportCount) + ", expected " + classes
                    + " counts adding up to " + expansion.count + " support vectors");
        }
        if (dual.rows() != classes - 1 || dual.columns() != expansion.count) {
            throw a.invalid("_dual_coef_", "has shape " + Arrays.toString(dual.shape()) + ", expected "
                    + (classes - 1) + " × " + expansion.count);
        }
        if (intercept.data().length != pairs) {
            throw a.invalid("_intercept_", "holds " + intercept.data().length + " values, expected " + pairs);
        }
        boolean breakTies = a.bool("break_ties", false);
        String shape = a.string("decision_function_shape", "ovr");
        if (breakTies && shape.equals("ovo")) {
            throw a.unsupported("has break_ties=True with decision_function_shape='ovo', which scikit-learn "
                    + "refuses to predict with");
        }
        double[][] coef = new double[classes - 1][];
        for (int c = 0; c < classes - 1; c++) {
            coef[c] = Arrays.copyOfRange(dual.data(), c * expansion.count, (c + 1) * expansion.count);
        }
        double[] rho = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            rho[p] = -intercept.data()[p];
        }
        for (String p : List.of("C", "nu", "break_ties", "decision_function_shape", "probability")) {
            putIfPresent(description, a, p);
        }
        description.put("classes", labels);
        PlattScaling platt = null;
        if (a.bool("probability", false)) {
            double[] probA = a.array(a.firstPresent("_probA", "probA_")).data();
            double[] probB = a.array(a.firstPresent("_probB", "probB_")).data();
            if (probA.length != pairs || probB.length != pairs) {
                throw a.invalid("_probA", "and _probB hold " + probA.length + " and " + probB.length
                        + " values, expected one per class pair (" + pairs + ")");
            }
            platt = new PlattScaling(probA, probB);
        }
        return new SvmClassifier(name, expansion, coef, rho, supportCount, labels, breakTies, shape.equals("ovr"),
                platt, description, warnings);
    }

    private static KernelExpansion expansion(FittedAttributes a, Map<String, Object> description) {
        // fitted on a sparse matrix (_sparse): its support vectors and coefficients are read dense (SparseMatrix)
        String kernelName = a.string("kernel", "rbf");
        SvmKernel.Type type;
        try {
            type = SvmKernel.Type.valueOf(kernelName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw a.unsupported("uses kernel='" + Excerpt.of(kernelName) + "'; shape supports linear, poly, rbf, "
                    + "sigmoid");
        }
        double gamma = type == SvmKernel.Type.LINEAR && !a.has("_gamma") ? 0.0 : a.number("_gamma");
        double coef0 = a.has("coef0") ? a.number("coef0") : 0.0;
        int degree = a.integer("degree", 3);
        NdArray sv = a.array("support_vectors_");
        if (sv.shape().length != 2) {
            throw a.invalid("support_vectors_", "has shape " + Arrays.toString(sv.shape()) + ", expected 2-D");
        }
        checkFeatureCount(a, sv.columns());
        description.put("kernel", type.sklearnName());
        description.put("gamma", gamma);
        description.put("coef0", coef0);
        description.put("degree", degree);
        description.put("n_support_vectors", sv.rows());
        return new KernelExpansion(new SvmKernel(type, gamma, coef0, degree), sv.data().clone(), sv.rows(),
                sv.columns());
    }

    private static Model linearClassifier(String name, FittedAttributes a, Map<String, Object> description,
            List<String> warnings) {
        List<Object> labels = ClassLabels.of(a);
        LinearScores scores = linearScores(a, labels.size() == 2 ? 1 : labels.size());
        for (String p : List.of("C", "penalty", "multi_class", "loss", "fit_intercept")) {
            putIfPresent(description, a, p);
        }
        description.put("classes", labels);
        ClassProbabilities probabilities = name.equals("LogisticRegression")
                ? ClassProbabilities.of(a.raw("multi_class"), a.raw("solver"), labels.size()) : null;
        return new LinearClassifier(name, scores, labels, probabilities, description, warnings);
    }

    private static Model linearRegressor(String name, FittedAttributes a, Map<String, Object> description,
            List<String> warnings) {
        LinearScores scores = linearScores(a, 1);
        for (String p : List.of("C", "epsilon", "loss", "fit_intercept")) {
            putIfPresent(description, a, p);
        }
        return new LinearRegressor(name, scores, description, warnings);
    }

    private static LinearScores linearScores(FittedAttributes a, int outputs) {
        NdArray coef = a.array("coef_");
        int features = coef.shape().length == 1 ? coef.data().length : coef.columns();
        int rows = coef.shape().length == 1 ? 1 : coef.rows();
        if (rows != outputs || coef.shape().length > 2) {
            throw a.invalid("coef_", "has shape " + Arrays.toString(coef.shape()) + ", expected " + outputs
                    + " row(s)");
        }
        checkFeatureCount(a, features);
        // intercept_ is the float 0.0 when fit_intercept=False in some estimators: broadcast it
        NdArray intercept = a.array("intercept_");
        double[] b = new double[outputs];
        if (intercept.data().length == 1) {
            Arrays.fill(b, intercept.data()[0]);
        } else if (intercept.data().length == outputs) {
            System.arraycopy(intercept.data(), 0, b, 0, outputs);
        } else {
            throw a.invalid("intercept_", "holds " + intercept.data().length + " values, expected " + outputs);
        }
        return new LinearScores(coef.data().clone(), b, outputs, features);
    }

    private static void checkFeatureCount(FittedAttributes a, int features) {
        if (a.has("n_features_in_") && a.integer("n_features_in_", features) != features) {
            throw a.invalid("n_features_in_", "is " + Excerpt.of(a.raw("n_features_in_")) + " but the fitted arrays have "
                    + features + " features");
        }
        if (features < 1) {
            throw a.invalid("n_features_in_", "is 0");
        }
    }

    private static void putIfPresent(Map<String, Object> description, FittedAttributes a, String name) {
        Object v = a.scalarOrNull(name);
        if (v != null) {
            description.put(name, v);
        }
    }
}
