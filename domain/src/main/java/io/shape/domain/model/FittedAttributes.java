package io.shape.domain.model;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;

import java.util.List;
import java.util.Map;

/**
 * The attributes of an unpickled estimator, read with scikit-learn's meaning: typed getters that fail
 * with a message naming the file, the estimator and the attribute.
 */
final class FittedAttributes {
    static final String REMEDY = "the pickle is not fitted, or was written by a scikit-learn version shape "
            + "does not support; fit the estimator and save it with scikit-learn " + SklearnVersion.TESTED;

    private final String estimator;
    private final Map<String, Object> values;
    private final String source;

    FittedAttributes(String estimator, Map<String, Object> values, String source) {
        this.estimator = estimator;
        this.values = values;
        this.source = source;
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    Object raw(String name) {
        return values.get(name);
    }

    /** The first of {@code names} present (attributes renamed between scikit-learn versions). */
    String firstPresent(String... names) {
        for (String name : names) {
            if (has(name)) {
                return name;
            }
        }
        throw notFitted(names[0]);
    }

    /** A numeric attribute; every value must be finite (a NaN weight would silently score every row as NaN). */
    NdArray array(String name) {
        return requireFinite(name, anyArray(name));
    }

    private NdArray requireFinite(String name, NdArray a) {
        for (double d : a.data()) {
            if (!Double.isFinite(d)) {
                throw invalid(name, "holds " + d + ": the file is damaged or the model did not converge; "
                        + "fit and save it again");
            }
        }
        return a;
    }

    private NdArray anyArray(String name) {
        Object v = required(name);
        if (v instanceof NdArray a) {
            return a;
        }
        if (SparseMatrix.is(v)) { // an SVM fitted on a sparse matrix keeps its vectors sparse
            return SparseMatrix.dense((java.util.Map<?, ?>) v, name);
        }
        if (v instanceof Number n) {
            return new NdArray(new double[] {n.doubleValue()}, new int[0]);
        }
        if (v instanceof List<?> list) {
            double[] data = new double[list.size()];
            for (int i = 0; i < data.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw invalid(name, "holds " + describe(list.get(i)) + ", expected numbers");
                }
                data[i] = exactDouble(name, n);
            }
            return new NdArray(data, new int[] {data.length});
        }
        throw invalid(name, "is " + describe(v) + ", expected a numeric array");
    }

    int[] intVector(String name) {
        NdArray a = array(name);
        int[] out = new int[a.data().length];
        for (int i = 0; i < out.length; i++) {
            double d = a.data()[i];
            if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw invalid(name, "holds " + d + ", expected non-negative integers");
            }
            out[i] = (int) d;
        }
        return out;
    }

    double number(String name) {
        Object v = required(name);
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof NdArray a && a.data().length == 1) {
            d = a.data()[0];
        } else {
            throw invalid(name, "is " + describe(v) + ", expected a number");
        }
        if (!Double.isFinite(d)) {
            throw invalid(name, "is " + d + ": the file is damaged or the model did not converge; fit and save it again");
        }
        return d;
    }

    int integer(String name, int defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        double d = v instanceof NdArray a && a.data().length == 1 ? a.data()[0]
                : v instanceof Number n ? n.doubleValue() : Double.NaN;
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw invalid(name, "is " + describe(v) + ", expected an integer");
        }
        return (int) d;
    }

    String string(String name, String defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        throw invalid(name, "is " + describe(v) + ", expected a string");
    }

    boolean bool(String name, boolean defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw invalid(name, "is " + describe(v) + ", expected True or False");
    }

    /** An optional scalar hyperparameter for {@link Model#describe()}, as a neutral value. */
    Object scalarOrNull(String name) {
        Object v = values.get(name);
        return v instanceof Number || v instanceof String || v instanceof Boolean ? v : null;
    }

    ShapeException notFitted(String name) {
        return ShapeException.invalidInput(source + ": " + estimator + " has no fitted attribute '" + name
                + "': " + REMEDY + ".");
    }

    ShapeException invalid(String name, String what) {
        return ShapeException.invalidInput(source + ": " + estimator + "." + name + " " + what + ".");
    }

    ShapeException unsupported(String what) {
        return ShapeException.invalidInput(source + ": " + estimator + " " + what + ".");
    }

    String source() {
        return source;
    }

    private Object required(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw notFitted(name);
        }
        return v;
    }

    private double exactDouble(String name, Number n) {
        double d = n.doubleValue();
        if ((n instanceof Long || n instanceof Integer) && (long) d != n.longValue()) {
            throw invalid(name, "holds " + n + ", too large for an exact double");
        }
        return d;
    }

    static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof NdArray a) {
            return a.toString();
        }
        return "a " + pythonType(v) + " (" + Excerpt.of(v) + ")";
    }

    /** The Python type a neutral value was pickled as: what the user wrote, not how Java holds it. */
    private static String pythonType(Object v) {
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        return v instanceof byte[] ? "bytes" : v.getClass().getSimpleName();
    }
}
