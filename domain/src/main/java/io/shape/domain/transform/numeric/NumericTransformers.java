package io.shape.domain.transform.numeric;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.model.NdArray;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.encode.Encoders;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads fitted {@code PCA}, {@code Normalizer}, {@code PowerTransformer} and {@code KBinsDiscretizer} pickles (their
 * {@code __dict__} as neutral values: parameters, public and private fitted attributes) into the transforms that
 * apply them as scikit-learn 1.6.1's {@code transform} does; nothing of a pickle is refit. PCA and PowerTransformer are
 * applied only as pickled (their fits go through LAPACK and scipy's optimizer, which shape does not reproduce);
 * Normalizer and KBinsDiscretizer are spec steps too, whose fits build the same transforms ({@link #normalizer},
 * {@link #bins}).
 */
public final class NumericTransformers {
    public static final String PCA = "sklearn.decomposition._pca.PCA";
    public static final String NORMALIZER = "sklearn.preprocessing._data.Normalizer";
    public static final String POWER = "sklearn.preprocessing._data.PowerTransformer";
    public static final String KBINS = "sklearn.preprocessing._discretization.KBinsDiscretizer";
    private static final String STANDARD_SCALER = "sklearn.preprocessing._data.StandardScaler";

    private static final Set<String> PCA_PARAMS = Set.of("n_components", "copy", "whiten", "svd_solver", "tol",
            "iterated_power", "n_oversamples", "power_iteration_normalizer", "random_state");
    private static final Set<String> NORMALIZER_PARAMS = Set.of("norm", "copy");
    private static final Set<String> POWER_PARAMS = Set.of("method", "standardize", "copy");
    private static final Set<String> KBINS_PARAMS = Set.of("n_bins", "encode", "strategy", "dtype", "subsample",
            "random_state");

    private NumericTransformers() {
    }

    /** The scikit-learn class names {@link #read} reads, by qualified Python class. */
    public static Map<String, String> classes() {
        return Map.of(PCA, "PCA", NORMALIZER, "Normalizer", POWER, "PowerTransformer", KBINS, "KBinsDiscretizer");
    }

    /**
     * The fitted transformer of {@code pythonClass} at {@code path}.
     *
     * @param names the input columns' names for messages ({@code feature_names_in_} quoted, or positions)
     * @throws ShapeException INVALID_INPUT naming the step and the attribute when the pickle is not one of a
     *         fitted transformer shape applies (unknown parameter or value, wrong shapes, missing attributes)
     */
    public static FittedTransform read(String pythonClass, String path, Map<String, Object> state, List<String> names) {
        String sklearnClass = classes().get(pythonClass);
        if (sklearnClass == null) {
            throw new IllegalArgumentException(pythonClass + " is not one of " + classes().keySet());
        }
        PickledState s = new PickledState(state, path, sklearnClass);
        return switch (sklearnClass) {
            case "PCA" -> pca(path, s, names);
            case "Normalizer" -> normalizer(path, s, names);
            case "PowerTransformer" -> power(path, s, names);
            default -> kbins(path, s, names);
        };
    }

    /**
     * A {@code Normalizer} of {@code width} columns, as a spec step binds it (Normalizer learns nothing from the data,
     * so fitting it on the run's rows and applying a pickled one are the same transform).
     *
     * @param norm {@code l1}, {@code l2} or {@code max}, already validated
     */
    public static FittedTransform normalizer(String step, int width, String norm) {
        return new RowNormalization(step, Encoders.names(null, width), width, norm(norm));
    }

    /**
     * A {@code KBinsDiscretizer} fitted from a spec: its bin edges without the outer ones, per column, and for the
     * one-hot encodings the encoder scikit-learn's fit makes (categories 0..n_bins_-1, handle_unknown='error').
     *
     * @param encode {@code ordinal}, {@code onehot} or {@code onehot-dense}, already validated
     */
    public static FittedTransform bins(String step, double[][] innerEdges, String encode) {
        int width = innerEdges.length;
        List<String> names = Encoders.names(null, width);
        FittedTransform encoder = null;
        if (!encode.equals("ordinal")) {
            List<Object> categories = new java.util.ArrayList<>();
            List<Object> outputs = new java.util.ArrayList<>();
            for (double[] edges : innerEdges) {
                double[] bins = new double[edges.length + 1];
                for (int k = 0; k < bins.length; k++) {
                    bins[k] = k;
                }
                categories.add(new NdArray(bins, new int[] {bins.length}));
                outputs.add((long) bins.length);
            }
            Map<String, Object> fitted = new java.util.LinkedHashMap<>();
            fitted.put("handle_unknown", "error");
            fitted.put("categories_", categories);
            fitted.put("n_features_in_", (long) width);
            fitted.put("_infrequent_enabled", false);
            fitted.put("_n_features_outs", outputs);
            encoder = Encoders.read(Encoders.ONE_HOT, step + "/_encoder", fitted, names);
        }
        return new BinDiscretization(step, names, innerEdges, encoder, encode);
    }

    /**
     * The inner bin edges a saved state of {@link #bins} holds, per column.
     *
     * @throws ShapeException INVALID_INPUT naming the step when a column's edges are missing or unsorted
     */
    public static double[][] savedInnerEdges(io.shape.domain.transform.FittedState state) {
        double[][] inner = new double[state.inputWidth()][];
        for (int j = 0; j < inner.length; j++) {
            inner[j] = BinDiscretization.innerEdges(state, j);
            boolean sorted = inner[j] != null;
            for (int i = 1; sorted && i < inner[j].length; i++) {
                sorted = inner[j][i - 1] <= inner[j][i];
            }
            if (!sorted) {
                throw ShapeException.invalidInput("saved state of step '" + state.step() + "' (KBinsDiscretizer) has "
                        + "no sorted bin edges for column " + j + "; refit the pipeline");
            }
        }
        return inner;
    }

    private static RowNormalization.Norm norm(String norm) {
        return switch (norm) {
            case "l1" -> RowNormalization.Norm.L1;
            case "l2" -> RowNormalization.Norm.L2;
            case "max" -> RowNormalization.Norm.MAX;
            default -> throw new IllegalArgumentException("norm " + norm);
        };
    }

    private static FittedTransform pca(String path, PickledState s, List<String> names) {
        s.onlyParameters(PCA_PARAMS);
        int width = s.width();
        boolean whiten = s.bool("whiten");
        if (!(s.get("n_components_") instanceof Long k) || k < 0 || k > width) {
            throw s.invalid("has n_components_ " + Excerpt.of(s.get("n_components_")) + ", not a count of components "
                    + "from 0 to its " + width + " input columns; fit the pipeline before pickling it");
        }
        int components = k.intValue();
        double[][] matrix = s.matrix("components_", components, width);
        double[] mean = s.vector("mean_", width);
        double[] variance = whiten ? s.vector("explained_variance_", components) : null;
        return new PcaProjection(path, names, matrix, mean, variance);
    }

    private static FittedTransform normalizer(String path, PickledState s, List<String> names) {
        s.onlyParameters(NORMALIZER_PARAMS);
        int width = s.width();
        return new RowNormalization(path, names, width, norm(s.choice("norm", List.of("l1", "l2", "max"))));
    }

    private static FittedTransform power(String path, PickledState s, List<String> names) {
        s.onlyParameters(POWER_PARAMS);
        int width = s.width();
        PowerTransform.Method method = s.choice("method", List.of("yeo-johnson", "box-cox")).equals("box-cox")
                ? PowerTransform.Method.BOX_COX : PowerTransform.Method.YEO_JOHNSON;
        double[] lambdas = s.vector("lambdas_", width);
        double[] mean = null;
        double[] scale = null;
        if (s.bool("standardize")) {
            // the StandardScaler fitted on the transformed training columns, which transform applies after them
            if (!(s.get("_scaler") instanceof Map<?, ?> scaler) || !STANDARD_SCALER.equals(scaler.get("__class__"))) {
                throw s.invalid("has standardize=True but _scaler is " + Excerpt.of(s.get("_scaler"))
                        + ", not a fitted StandardScaler; fit the pipeline before pickling it");
            }
            String where = "_scaler";
            if (!(scaler.get("n_features_in_") instanceof Long n) || n != width) {
                throw s.invalid("has a _scaler fitted on " + Excerpt.of(scaler.get("n_features_in_"))
                        + " columns, not its " + width);
            }
            if (!Boolean.FALSE.equals(scaler.get("with_mean"))) {
                mean = s.vector(scaler.get("mean_"), where + ".mean_", width);
            }
            if (!Boolean.FALSE.equals(scaler.get("with_std"))) {
                scale = s.vector(scaler.get("scale_"), where + ".scale_", width);
            }
        }
        return new PowerTransform(path, names, method, lambdas, mean, scale);
    }

    private static FittedTransform kbins(String path, PickledState s, List<String> names) {
        s.onlyParameters(KBINS_PARAMS);
        int width = s.width();
        String encode = s.choice("encode", List.of("onehot", "onehot-dense", "ordinal"));
        s.choice("strategy", List.of("uniform", "quantile", "kmeans")); // decided the edges; transform ignores it
        Object dtype = s.get("dtype");
        if (dtype != null && !"numpy.float64".equals(dtype)) {
            // np.float32 casts the input to float32 before it is binned: shape reads float64 only
            throw s.invalid("has dtype=" + Excerpt.of(dtype) + ", which shape does not apply; fit it with dtype=None "
                    + "or np.float64");
        }
        if (!(s.get("bin_edges_") instanceof List<?> edges) || edges.size() != width) {
            throw s.invalid("has bin_edges_ " + Excerpt.of(s.get("bin_edges_")) + ", not one array of edges per each "
                    + "of its " + width + " columns; fit the pipeline before pickling it");
        }
        double[][] inner = new double[width][];
        int bins = 0;
        for (int j = 0; j < width; j++) {
            String key = "bin_edges_[" + j + "]";
            if (!(edges.get(j) instanceof NdArray a) || a.shape().length != 1 || a.data().length < 2) {
                throw s.invalid("has " + key + " " + Excerpt.of(edges.get(j)) + ", not an array of at least 2 edges");
            }
            double[] e = a.data();
            for (int i = 1; i < e.length; i++) {
                if (!(e[i - 1] <= e[i])) {
                    throw s.invalid("has " + key + " not sorted (" + e[i - 1] + " before " + e[i] + ")");
                }
            }
            inner[j] = java.util.Arrays.copyOfRange(e, 1, e.length - 1);
            bins += e.length - 1;
        }
        if (s.get("n_bins_") instanceof List<?> n && !n.equals(java.util.Arrays.stream(inner)
                .map(e -> (Object) (long) (e.length + 1)).toList())) {
            throw s.invalid("has n_bins_ " + Excerpt.of(n) + " but its bin_edges_ make other counts");
        }
        FittedTransform encoder = null;
        if (!encode.equals("ordinal")) {
            encoder = encoder(path, s, names, width, bins);
        }
        return new BinDiscretization(path, names, inner, encoder, encode);
    }

    /** The pickled {@code _encoder}: a OneHotEncoder over the bin indexes, one output column per bin. */
    @SuppressWarnings("unchecked")
    private static FittedTransform encoder(String path, PickledState s, List<String> names, int width, int bins) {
        if (!(s.get("_encoder") instanceof Map<?, ?> pickled) || !Encoders.ONE_HOT.equals(pickled.get("__class__"))) {
            throw s.invalid("has encode='" + s.get("encode") + "' but _encoder is " + Excerpt.of(s.get("_encoder"))
                    + ", not a fitted OneHotEncoder; fit the pipeline before pickling it");
        }
        Map<String, Object> state = new java.util.LinkedHashMap<>((Map<String, Object>) pickled);
        state.remove("__class__");
        FittedTransform encoder = Encoders.read(Encoders.ONE_HOT, path + "/_encoder", state, names);
        if (encoder.inputWidth() != width || encoder.outputWidth() != bins) {
            throw s.invalid("has an _encoder of " + encoder.inputWidth() + " columns into " + encoder.outputWidth()
                    + ", not its " + width + " columns into their " + bins + " bins");
        }
        return encoder;
    }
}
