package io.shape.domain.transform.numeric;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.model.NdArray;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pickled transformer's {@code __dict__} read for its fitted transform: every refusal names the step (its path
 * and class) and the attribute, so a damaged or foreign pickle says where it is wrong.
 */
final class PickledState {
    private final Map<String, Object> state;
    /** {@code step 'pre/pca' (PCA)}, the start of every message. */
    final String where;

    PickledState(Map<String, Object> state, String path, String sklearnClass) {
        this.state = state;
        this.where = "step '" + path + "' (" + sklearnClass + ")";
    }

    /**
     * Refuses a parameter (a key neither private nor fitted) the class does not have in scikit-learn 1.2-1.7: its
     * meaning is unknown, so applying the step without it could give other numbers than scikit-learn's.
     */
    void onlyParameters(Set<String> known) {
        for (String key : state.keySet()) {
            if (!key.startsWith("_") && !key.endsWith("_") && !known.contains(key)) {
                throw invalid("has the parameter '" + Excerpt.of(key) + "', unknown to scikit-learn 1.2-1.7's "
                        + "class; shape applies only what it knows the meaning of");
            }
        }
    }

    Object get(String key) {
        return state.get(key);
    }

    /** {@code n_features_in_}, which every fitted transformer has. */
    int width() {
        if (!(state.get("n_features_in_") instanceof Long n) || n < 1 || n > Integer.MAX_VALUE) {
            throw invalid("is not fitted (n_features_in_ is " + Excerpt.of(state.get("n_features_in_"))
                    + "); fit the pipeline before pickling it");
        }
        return n.intValue();
    }

    /** A string parameter that must be one of {@code allowed}, as scikit-learn's parameter validation says. */
    String choice(String key, List<String> allowed) {
        Object v = state.get(key);
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw invalid("has " + key + "=" + Excerpt.of(v) + "; scikit-learn's are " + String.join(", ",
                    allowed.stream().map(a -> "'" + a + "'").toList()));
        }
        return s;
    }

    boolean bool(String key) {
        if (!(state.get(key) instanceof Boolean b)) {
            throw invalid("has " + key + "=" + Excerpt.of(state.get(key)) + ", not True or False");
        }
        return b;
    }

    /** A fitted float vector of {@code length} values. */
    double[] vector(String key, int length) {
        return vector(state.get(key), key, length);
    }

    double[] vector(Object value, String key, int length) {
        if (!(value instanceof NdArray a) || a.shape().length != 1 || a.data().length != length) {
            throw invalid("has " + key + " " + Excerpt.of(value) + ", not " + length + " numbers");
        }
        return a.data().clone();
    }

    /** A fitted float matrix of {@code rows} × {@code columns}, as rows. */
    double[][] matrix(String key, int rows, int columns) {
        Object value = state.get(key);
        if (!(value instanceof NdArray a) || a.shape().length != 2 || a.rows() != rows || a.columns() != columns) {
            throw invalid("has " + key + " " + Excerpt.of(value) + ", not " + rows + " × " + columns + " numbers");
        }
        double[][] m = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                m[r][c] = a.get(r, c);
            }
        }
        return m;
    }

    ShapeException invalid(String what) {
        return ShapeException.invalidInput(where + " " + what);
    }
}
