package io.shape.domain.pickled;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.model.Estimators;
import io.shape.domain.model.Model;
import io.shape.domain.model.NdArray;
import io.shape.domain.transform.FrozenStep;

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
        all.addAll(Estimators.supportedClasses());
        all.add(PIPELINE);
        return Set.copyOf(all);
    }

    PickledPipeline read(String pythonClass, Map<String, Object> state) {
        Model estimator = PIPELINE.equals(pythonClass) ? pipeline("", state, true) : estimator("", pythonClass, state);
        return new PickledPipeline(steps, estimator, featureNames == null ? List.of() : featureNames);
    }

    /** The steps of a pipeline at {@code prefix}; when {@code last}, its final step is the estimator returned. */
    private Model pipeline(String prefix, Map<String, Object> state, boolean last) {
        if (!(state.get("steps") instanceof List<?> entries) || entries.isEmpty()) {
            throw invalid("the Pipeline" + at(prefix) + " has no steps list; save a fitted Pipeline with pickle.dump");
        }
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
                Model inner = pipeline(path, stepState, finalStep);
                if (finalStep) {
                    estimator = inner;
                }
            } else if (finalStep) {
                estimator = estimator(path, pythonClass, stepState);
            } else {
                transformer(path, pythonClass, stepState);
            }
        }
        return estimator;
    }

    private Model estimator(String path, String pythonClass, Map<String, Object> state) {
        if (TRANSFORMERS.containsKey(pythonClass)) {
            throw invalid("the pipeline ends in " + TRANSFORMERS.get(pythonClass) + at(path) + ", a transformer; "
                    + "shape scores pipelines that end in an estimator (" + estimatorNames() + ")");
        }
        Model model = Estimators.fromAttributes(pythonClass, state, path.isEmpty() ? source : source + " step '" + path + "'");
        noteTable(path, state, model.featureCount());
        return model;
    }

    private void transformer(String path, String pythonClass, Map<String, Object> state) {
        String sklearnClass = TRANSFORMERS.get(pythonClass);
        if (sklearnClass == null) {
            throw invalid("step '" + path + "' is " + pythonClass + ", which shape does not apply (nothing of it was "
                    + "read or run); it applies " + String.join(", ", new TreeSet<>(TRANSFORMERS.values()))
                    + " and pipelines of them");
        }
        if (!(state.get("n_features_in_") instanceof Long width)) {
            throw invalid("step '" + path + "' (" + sklearnClass + ") is not fitted (it has no n_features_in_); "
                    + "fit the pipeline before pickling it");
        }
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
        try {
            steps.add(FrozenStep.of(path, sklearnClass, params, Math.toIntExact(width), Math.toIntExact(output),
                    attributes));
        } catch (ShapeException | ArithmeticException e) {
            throw invalid(e.getMessage());
        }
        noteTable(path, state, Math.toIntExact(width));
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
