package io.shape.domain.pickled;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.model.Estimators;
import io.shape.domain.model.Model;
import io.shape.domain.model.NdArray;
import io.shape.domain.model.SklearnVersion;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.FrozenStep;
import io.shape.domain.transform.RoutedColumns;
import io.shape.domain.transform.encode.Encoders;
import io.shape.domain.transform.numeric.NumericTransformers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks an unpickled {@code Pipeline} in scikit-learn's order: each transformer becomes a {@link FrozenStep}
 * named by its path ({@code pre/scale}), the last step the estimator. Parameters are checked as a spec's are;
 * fitted attributes are taken as pickled.
 */
final class PipelineReader {
    static final String PIPELINE = "sklearn.pipeline.Pipeline";
    /** The transformers shape applies as fitted, by the module scikit-learn 1.x defines them in. */
    private static final Map<String, String> TRANSFORMERS = Map.of(
            "sklearn.preprocessing._data.StandardScaler", "StandardScaler",
            "sklearn.preprocessing._data.MinMaxScaler", "MinMaxScaler",
            "sklearn.preprocessing._data.MaxAbsScaler", "MaxAbsScaler",
            "sklearn.preprocessing._data.RobustScaler", "RobustScaler",
            "sklearn.preprocessing._data.QuantileTransformer", "QuantileTransformer",
            "sklearn.preprocessing._polynomial.PolynomialFeatures", "PolynomialFeatures",
            "sklearn.impute._base.SimpleImputer", "SimpleImputer");
    static final String COLUMN_TRANSFORMER = "sklearn.compose._column_transformer.ColumnTransformer";
    private static final Set<String> HIST_GRADIENT_BOOSTING = Set.of(
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingRegressor");
    /** What a ColumnTransformer's fitted 'passthrough' is in {@code transformers_} (scikit-learn 1.2+). */
    private static final String FUNCTION_TRANSFORMER = "sklearn.preprocessing._function_transformer.FunctionTransformer";
    private static final String CLASS_KEY = "__class__";
    private static final Set<String> SUPPORTED = supported();

    private final String source;
    private final List<FrozenStep> steps = new ArrayList<>();
    /** {@code feature_names_in_} of the first object that saw the table, if it had names. */
    private List<String> featureNames;
    private boolean tableSeen;

    PipelineReader(String source) {
        this.source = source;
    }

    static Set<String> supportedClasses() {
        return SUPPORTED;
    }

    private static Set<String> supported() {
        Set<String> all = new HashSet<>(TRANSFORMERS.keySet());
        all.addAll(Encoders.classes().keySet());
        all.addAll(NumericTransformers.classes().keySet());
        all.addAll(Estimators.supportedClasses());
        all.addAll(Estimators.partClasses());
        all.add(PIPELINE);
        all.add(COLUMN_TRANSFORMER);
        return Set.copyOf(all);
    }

    PickledPipeline read(String pythonClass, Map<String, Object> state) {
        Model estimator = PIPELINE.equals(pythonClass) ? pipeline("", state, true, steps)
                : estimator("", pythonClass, state, steps);
        return new PickledPipeline(steps, estimator, featureNames == null ? List.of() : featureNames);
    }

    /**
     * The steps of a pipeline at {@code prefix}, added to {@code into}; when {@code last}, its final step is the
     * estimator returned.
     */
    private Model pipeline(String prefix, Map<String, Object> state, boolean last, List<FrozenStep> into) {
        if (!(state.get("steps") instanceof List<?> entries) || entries.isEmpty()) {
            throw invalid("the Pipeline" + at(prefix) + " has no steps list; save a fitted Pipeline with pickle.dump");
        }
        SklearnVersion.requireReadable(state.get("_sklearn_version"), "the Pipeline" + at(prefix), source);
        Model estimator = null;
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof String name)) {
                throw invalid("step " + i + " of the Pipeline" + at(prefix) + " is not a (name, estimator) pair");
            }
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            boolean finalStep = last && i == entries.size() - 1;
            Object step = pair.get(1);
            if (step == null || "passthrough".equals(step)) {
                if (finalStep) {
                    throw invalid("the Pipeline's last step '" + path + "' is " + (step == null ? "None" : "'passthrough'")
                            + ", not an estimator; shape scores pipelines that end in a fitted estimator");
                }
                continue;
            }
            if (!(step instanceof Map<?, ?> object) || !(object.get(CLASS_KEY) instanceof String pythonClass)) {
                throw invalid("step '" + path + "' is " + Excerpt.of(step) + ", not a scikit-learn estimator");
            }
            Map<String, Object> stepState = stateOf(object);
            if (PIPELINE.equals(pythonClass)) {
                Model inner = pipeline(path, stepState, finalStep, into);
                if (finalStep) {
                    estimator = inner;
                }
            } else if (finalStep) {
                estimator = estimator(path, pythonClass, stepState, into);
            } else {
                into.add(transformer(path, pythonClass, stepState));
            }
        }
        return estimator;
    }

    /**
     * The estimator at {@code path}. A HistGradientBoosting fitted with categorical features holds its own
     * preprocessing ({@code _preprocessor}: a ColumnTransformer ordinal-encoding them first, the numeric columns
     * after): it becomes the step {@code <path>/_preprocessor} in {@code into}, before the estimator.
     */
    private Model estimator(String path, String pythonClass, Map<String, Object> state, List<FrozenStep> into) {
        if (HIST_GRADIENT_BOOSTING.contains(pythonClass) && state.get("_preprocessor") instanceof Map<?, ?> pre
                && COLUMN_TRANSFORMER.equals(pre.get(CLASS_KEY))) {
            String at = path.isEmpty() ? "_preprocessor" : path + "/_preprocessor";
            into.add(columnTransformer(at, stateOf(pre), true));
            Map<String, Object> trees = new LinkedHashMap<>(state);
            trees.remove("_preprocessor"); // applied by the step: the estimator reads its output
            state = trees;
        }
        String transformerClass = TRANSFORMERS.getOrDefault(pythonClass,
                NumericTransformers.classes().get(pythonClass));
        if (transformerClass != null) {
            throw invalid("the pipeline ends in " + transformerClass + at(path) + ", a transformer; "
                    + "shape scores pipelines that end in an estimator (" + estimatorNames() + ")");
        }
        Model model = Estimators.fromAttributes(pythonClass, state, path.isEmpty() ? source : source + " step '" + path + "'");
        noteTable(path, state, model.featureCount());
        return model;
    }

    private FrozenStep transformer(String path, String pythonClass, Map<String, Object> state) {
        if (COLUMN_TRANSFORMER.equals(pythonClass)) {
            return columnTransformer(path, state);
        }
        if (Encoders.classes().containsKey(pythonClass)) {
            return encoder(path, pythonClass, state);
        }
        if (NumericTransformers.classes().containsKey(pythonClass)) {
            return numeric(path, pythonClass, state);
        }
        String sklearnClass = TRANSFORMERS.get(pythonClass);
        if (sklearnClass == null) {
            Set<String> known = new TreeSet<>(TRANSFORMERS.values());
            known.addAll(Encoders.classes().values());
            known.addAll(NumericTransformers.classes().values());
            known.add("ColumnTransformer");
            throw invalid("step '" + path + "' is " + pythonClass + ", which shape does not apply (nothing of it was "
                    + "read or run); it applies " + String.join(", ", known) + " and pipelines of them");
        }
        int width = fittedWidth(path, sklearnClass, state);
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            if (key.startsWith("_")) {
                return; // private fitted state (_sklearn_version, _n_out_full): derived, or checked elsewhere
            }
            if (!key.endsWith("_")) {
                params.put(key, parameter(value));
            } else if (value instanceof NdArray a && a.shape().length <= 2) {
                attributes.put(key, a.shape().length == 2 ? rows(a) : a.data().clone());
            } else if (value instanceof Long || value instanceof Double || value instanceof Boolean
                    || value instanceof String) {
                attributes.put(key, value);
            }
        });
        long output = state.get("n_output_features_") instanceof Long n ? n : width;
        noteTable(path, state, width);
        try {
            return FrozenStep.of(path, sklearnClass, SklearnVersion.withoutRetired(sklearnClass, params,
                    state.get("_sklearn_version")), width, Math.toIntExact(output), attributes);
        } catch (ShapeException | ArithmeticException e) {
            throw invalid(e.getMessage());
        }
    }

    private FrozenStep encoder(String path, String pythonClass, Map<String, Object> state) {
        int width = fittedWidth(path, Encoders.classes().get(pythonClass), state);
        noteTable(path, state, width);
        try {
            FittedTransform fitted = Encoders.read(pythonClass, path, state,
                    Encoders.names(state.get("feature_names_in_"), width));
            return new FrozenStep(path, Encoders.classes().get(pythonClass), scalars(state), fitted, false);
        } catch (ShapeException | ArithmeticException e) {
            throw invalid(e.getMessage());
        }
    }

    /** PCA, Normalizer, PowerTransformer, KBinsDiscretizer: read from their pickled state, never refit. */
    private FrozenStep numeric(String path, String pythonClass, Map<String, Object> state) {
        String sklearnClass = NumericTransformers.classes().get(pythonClass);
        int width = fittedWidth(path, sklearnClass, state);
        noteTable(path, state, width);
        try {
            FittedTransform fitted = NumericTransformers.read(pythonClass, path, state,
                    Encoders.names(state.get("feature_names_in_"), width));
            return new FrozenStep(path, sklearnClass, scalars(state), fitted, false);
        } catch (ShapeException | ArithmeticException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * A fitted {@code ColumnTransformer}: its {@code transformers_} in order, each over the input columns of
     * {@code _transformer_to_input_indices}; 'drop' and empty selections output nothing, 'passthrough' (a
     * FunctionTransformer in {@code transformers_} since 1.2) its columns as they are.
     */
    private FrozenStep columnTransformer(String path, Map<String, Object> state) {
        return columnTransformer(path, state, false);
    }

    /**
     * @param checksNumbers whether its FunctionTransformer named {@code numerical} is HistGradientBoosting's
     *                      {@code check_array(dtype=float64)} of numeric columns, the identity on a row of doubles
     */
    private FrozenStep columnTransformer(String path, Map<String, Object> state, boolean checksNumbers) {
        int width = fittedWidth(path, "ColumnTransformer", state);
        noteTable(path, state, width); // before the inner transformers, whose names are subsets
        Map<?, ?> weights = Map.of();
        if (state.get("transformer_weights") instanceof Map<?, ?> w) {
            weights = w;
        } else if (state.get("transformer_weights") != null) {
            throw invalid("step '" + path + "' (ColumnTransformer) has transformer_weights "
                    + Excerpt.of(state.get("transformer_weights")) + ", not a dict of transformer name to weight");
        }
        if (!(state.get("transformers_") instanceof List<?> fitted)
                || !(state.get("_transformer_to_input_indices") instanceof Map<?, ?> indices)) {
            throw invalid("step '" + path + "' (ColumnTransformer) has no transformers_ or "
                    + "_transformer_to_input_indices: it was not fitted, or by a scikit-learn older than 1.2");
        }
        Map<String, Object> declared = declaredTransformers(state);
        Map<?, ?> outputs = state.get("output_indices_") instanceof Map<?, ?> o ? o : Map.of();
        List<RoutedColumns.Route> routes = new ArrayList<>();
        for (Object entry : fitted) {
            if (!(entry instanceof List<?> triple) || triple.size() != 3 || !(triple.get(0) instanceof String name)) {
                throw invalid("step '" + path + "' has a transformers_ entry " + Excerpt.of(entry)
                        + ", not (name, transformer, columns)");
            }
            String at = path + "/" + name;
            if (!(indices.get(name) instanceof List<?> selected) || !selected.stream().allMatch(Long.class::isInstance)) {
                throw invalid("step '" + at + "' has no input columns in _transformer_to_input_indices");
            }
            int[] columns = selected.stream().mapToInt(c -> Math.toIntExact((Long) c)).toArray();
            Object transformer = triple.get(1);
            if (columns.length == 0 || "drop".equals(transformer)) {
                continue; // scikit-learn skips them when it transforms
            }
            List<FrozenStep> chain = new ArrayList<>();
            boolean functionTransformer = transformer instanceof Map<?, ?> m && FUNCTION_TRANSFORMER.equals(m.get(CLASS_KEY));
            boolean passthrough = "passthrough".equals(transformer) || functionTransformer
                    && ("passthrough".equals(declared.get(name)) || checksNumbers && name.equals("numerical"));
            if (!passthrough) {
                if (!(transformer instanceof Map<?, ?> object) || !(object.get(CLASS_KEY) instanceof String cls)) {
                    throw invalid("step '" + at + "' is " + Excerpt.of(transformer) + ", not a fitted transformer");
                }
                if (PIPELINE.equals(cls)) {
                    pipeline(at, stateOf(object), false, chain);
                } else {
                    chain.add(transformer(at, cls, stateOf(object)));
                }
            }
            Object weight = weights.get(name);
            if (weight != null && !(weight instanceof Number)) {
                throw invalid("step '" + at + "' has the transformer weight " + Excerpt.of(weight) + ", not a number");
            }
            RoutedColumns.Route route = new RoutedColumns.Route(name, columns, chain,
                    weight == null ? 1.0 : ((Number) weight).doubleValue());
            if (outputs.get(name) instanceof List<?> slice && slice.size() == 3 && slice.get(0) instanceof Long start
                    && slice.get(1) instanceof Long stop && stop - start != route.outputWidth()) {
                throw invalid("step '" + at + "' outputs " + route.outputWidth() + " columns but the ColumnTransformer's "
                        + "output_indices_ gives it " + (stop - start));
            }
            routes.add(route);
        }
        try {
            RoutedColumns routed = new RoutedColumns(path, width, routes,
                    Encoders.names(state.get("feature_names_in_"), width));
            return new FrozenStep(path, "ColumnTransformer", scalars(state), routed, false);
        } catch (ShapeException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The ColumnTransformer's unfitted {@code transformers} and {@code remainder}, by name. */
    private static Map<String, Object> declaredTransformers(Map<String, Object> state) {
        Map<String, Object> declared = new LinkedHashMap<>();
        if (state.get("transformers") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof List<?> triple && triple.size() == 3 && triple.get(0) instanceof String name) {
                    declared.put(name, triple.get(1));
                }
            }
        }
        declared.put("remainder", state.get("remainder"));
        return declared;
    }

    private int fittedWidth(String path, String sklearnClass, Map<String, Object> state) {
        if (!(state.get("n_features_in_") instanceof Long width)) {
            throw invalid("step '" + path + "' (" + sklearnClass + ") is not fitted (it has no n_features_in_); "
                    + "fit the pipeline before pickling it");
        }
        return Math.toIntExact(width);
    }

    /** A step's parameters for the run record: its public scalar ones. */
    private static Map<String, Object> scalars(Map<String, Object> state) {
        Map<String, Object> params = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            if (!key.startsWith("_") && !key.endsWith("_") && (value instanceof String
                    || value instanceof Long || value instanceof Double || value instanceof Boolean)) {
                params.put(key, parameter(value));
            }
        });
        return params;
    }

    /** scikit-learn's {@code np.nan} default of {@code missing_values} is what a spec spells {@code "NaN"}. */
    private static Object parameter(Object value) {
        return value instanceof Double d && d.isNaN() ? "NaN" : value;
    }

    /** The first object of the pipeline saw the table: its column names, if it was fitted on a DataFrame. */
    private void noteTable(String path, Map<String, Object> state, int width) {
        if (tableSeen) {
            return;
        }
        tableSeen = true;
        Object names = state.get("feature_names_in_");
        if (names == null) {
            return;
        }
        if (!(names instanceof List<?> list) || list.size() != width
                || !list.stream().allMatch(String.class::isInstance)) {
            throw invalid((path.isEmpty() ? "the estimator" : "step '" + path + "'") + "'s feature_names_in_ is "
                    + Excerpt.of(names) + ", not " + width + " column names");
        }
        featureNames = list.stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stateOf(Map<?, ?> object) {
        Map<String, Object> state = new LinkedHashMap<>((Map<String, Object>) object);
        state.remove(CLASS_KEY);
        return state;
    }

    private static double[][] rows(NdArray a) {
        double[][] rows = new double[a.rows()][a.columns()];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = a.get(r, c);
            }
        }
        return rows;
    }

    private static String estimatorNames() {
        return String.join(", ", Estimators.supportedClasses().stream()
                .map(c -> c.substring(c.lastIndexOf('.') + 1)).sorted().toList());
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : " at '" + path + "'";
    }

    private ShapeException invalid(String what) {
        return ShapeException.invalidInput(source + ": " + what + ".");
    }
}
