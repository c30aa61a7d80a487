package io.shape.domain.transform.encode;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.model.NdArray;
import io.shape.domain.transform.FittedTransform;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Reads fitted {@code OneHotEncoder} and {@code OrdinalEncoder} pickles (their {@code __dict__} as neutral
 * values: scikit-learn's public and private fitted attributes) into the transforms that apply them.
 */
public final class Encoders {
    public static final String ONE_HOT = "sklearn.preprocessing._encoders.OneHotEncoder";
    public static final String ORDINAL = "sklearn.preprocessing._encoders.OrdinalEncoder";
    private static final java.util.Set<String> ONE_HOT_PARAMS = java.util.Set.of("categories", "drop", "dtype",
            "handle_unknown", "max_categories", "min_frequency", "sparse", "sparse_output", "feature_name_combiner");
    private static final java.util.Set<String> ORDINAL_PARAMS = java.util.Set.of("categories", "dtype",
            "handle_unknown", "unknown_value", "encoded_missing_value", "min_frequency", "max_categories");

    private Encoders() {
    }

    /** The scikit-learn class names {@link #read} reads, by qualified Python class. */
    public static Map<String, String> classes() {
        return Map.of(ONE_HOT, "OneHotEncoder", ORDINAL, "OrdinalEncoder");
    }

    /**
     * The fitted encoder of {@code pythonClass} at {@code path}.
     *
     * @param names the input columns' names for messages ({@code feature_names_in_}, or positions)
     * @throws ShapeException INVALID_INPUT naming the step and the attribute when the pickle is not one of a
     *         fitted encoder shape reads
     */
    public static FittedTransform read(String pythonClass, String path, Map<String, Object> state, List<String> names) {
        String sklearnClass = classes().get(pythonClass);
        String where = "step '" + path + "' (" + sklearnClass + ")";
        Map<String, Object> s = state;
        for (String key : s.keySet()) {
            boolean param = !key.endsWith("_") && !key.startsWith("_");
            if (param && !(ONE_HOT.equals(pythonClass) ? ONE_HOT_PARAMS : ORDINAL_PARAMS).contains(key)) {
                throw ShapeException.invalidInput(where + " has the parameter '" + key + "', unknown to scikit-learn"
                        + " 1.2-1.7's " + sklearnClass + "; shape applies only what it knows the meaning of");
            }
        }
        if (!(s.get("categories_") instanceof List<?> perColumn) || perColumn.isEmpty()) {
            throw ShapeException.invalidInput(where + " is not fitted (it has no categories_); fit the pipeline "
                    + "before pickling it");
        }
        int width = perColumn.size();
        if (!(s.get("n_features_in_") instanceof Long n) || n != width) {
            throw ShapeException.invalidInput(where + " has " + width + " categories_ but n_features_in_ "
                    + Excerpt.of(s.get("n_features_in_")));
        }
        boolean grouped = Boolean.TRUE.equals(s.get("_infrequent_enabled"));
        List<?> infrequent = grouped ? list(s, "_infrequent_indices", width, where) : null;
        List<?> mappings = grouped ? list(s, "_default_to_infrequent_mappings", width, where) : null;
        EncodedColumn[] columns = new EncodedColumn[width];
        for (int i = 0; i < width; i++) {
            String column = where + " column " + names.get(i);
            Categories categories = Categories.read(perColumn.get(i), column);
            int[] indices = grouped ? ints(infrequent.get(i), column + " _infrequent_indices") : null;
            int[] mapping = grouped ? ints(mappings.get(i), column + " _default_to_infrequent_mappings") : null;
            if (mapping != null && Arrays.stream(mapping).anyMatch(m -> m < 0 || m >= categories.size())) {
                throw ShapeException.invalidInput(column + ": _default_to_infrequent_mappings "
                        + Excerpt.of(Arrays.toString(mapping)) + " points outside its " + categories.size() + " categories");
            }
            int first = indices == null || indices.length == 0 ? -1 : indices[0];
            if (first >= categories.size()) {
                throw ShapeException.invalidInput(column + ": _infrequent_indices points outside its categories");
            }
            columns[i] = new EncodedColumn(categories, first, mapping);
        }
        return ONE_HOT.equals(pythonClass) ? oneHot(path, s, names, columns, where) : ordinal(path, s, names, columns, where);
    }

    private static FittedTransform oneHot(String path, Map<String, Object> s, List<String> names,
            EncodedColumn[] columns, String where) {
        OneHotEncoding.Unknown unknown = switch (String.valueOf(s.get("handle_unknown"))) {
            case "error" -> OneHotEncoding.Unknown.ERROR;
            case "ignore", "warn" -> OneHotEncoding.Unknown.IGNORE;
            case "infrequent_if_exist" -> OneHotEncoding.Unknown.INFREQUENT_IF_EXIST;
            default -> throw ShapeException.invalidInput(where + " has handle_unknown=" + Excerpt.of(s.get("handle_unknown"))
                    + "; scikit-learn's are 'error', 'ignore', 'infrequent_if_exist' and 'warn'");
        };
        int width = columns.length;
        int[] dropped = new int[width];
        Object drop = s.get("_drop_idx_after_grouping");
        for (int i = 0; i < width; i++) {
            dropped[i] = columns[i].categories().size();
        }
        if (drop != null) {
            List<?> d = drop instanceof NdArray a ? Arrays.stream(a.data()).boxed().toList() : drop instanceof List<?> l ? l : null;
            if (d == null || d.size() != width) {
                throw ShapeException.invalidInput(where + ": _drop_idx_after_grouping is " + Excerpt.of(drop)
                        + ", not one index (or None) per column");
            }
            for (int i = 0; i < width; i++) {
                if (d.get(i) instanceof Number k) {
                    dropped[i] = k.intValue();
                } else if (d.get(i) != null) {
                    throw ShapeException.invalidInput(where + ": _drop_idx_after_grouping holds " + Excerpt.of(d.get(i)));
                }
            }
        } else if (s.get("drop") != null) {
            throw ShapeException.invalidInput(where + " has drop=" + Excerpt.of(s.get("drop")) + " but no "
                    + "_drop_idx_after_grouping: it was pickled by a scikit-learn older than 1.2, whose dropped "
                    + "categories shape does not read; refit it with scikit-learn 1.2 or later");
        }
        int[] widths = ints(s.get("_n_features_outs"), where + " _n_features_outs");
        if (widths == null || widths.length != width) {
            throw ShapeException.invalidInput(where + ": _n_features_outs is " + Excerpt.of(s.get("_n_features_outs"))
                    + ", not one output width per column");
        }
        for (int i = 0; i < width; i++) {
            int groups = columns[i].grouping() == null ? columns[i].categories().size()
                    : Arrays.stream(columns[i].grouping()).max().orElse(-1) + 1;
            int expected = groups - (dropped[i] < columns[i].categories().size() ? 1 : 0);
            if (widths[i] != expected || dropped[i] < 0) {
                throw ShapeException.invalidInput(where + ": column " + names.get(i) + " outputs " + widths[i]
                        + " columns by _n_features_outs, but its categories and dropped index make " + expected);
            }
        }
        return new OneHotEncoding(path, names, columns, unknown, dropped, widths);
    }

    private static FittedTransform ordinal(String path, Map<String, Object> s, List<String> names,
            EncodedColumn[] columns, String where) {
        String handle = String.valueOf(s.get("handle_unknown"));
        if (!handle.equals("error") && !handle.equals("use_encoded_value")) {
            throw ShapeException.invalidInput(where + " has handle_unknown=" + Excerpt.of(handle)
                    + "; scikit-learn's are 'error' and 'use_encoded_value'");
        }
        int[] missing = new int[columns.length];
        Arrays.fill(missing, -1);
        if (s.get("_missing_indices") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof Long c) || c < 0 || c >= columns.length || !(e.getValue() instanceof Long k)
                        || k < 0 || k >= columns[c.intValue()].categories().size()) {
                    throw ShapeException.invalidInput(where + ": _missing_indices " + Excerpt.of(m)
                            + " is not column → category index");
                }
                missing[c.intValue()] = k.intValue();
            }
        }
        return new OrdinalEncoding(path, names, columns, missing, handle.equals("use_encoded_value"),
                number(s.get("unknown_value"), where, "unknown_value"),
                number(s.get("encoded_missing_value"), where, "encoded_missing_value"));
    }

    /** The plan of an encoder's input: its text columns coded by their categories, the rest as numbers. */
    static ColumnPlan plan(EncodedColumn[] columns, Optional<String> refusedBy) {
        CategoryCodes[] codes = new CategoryCodes[columns.length];
        for (int i = 0; i < columns.length; i++) {
            codes[i] = columns[i].categories().isText() ? columns[i].categories().codes(refusedBy) : null;
        }
        return ColumnPlan.of(codes, new boolean[columns.length]);
    }

    static ShapeException unseen(String step, String sklearnClass, List<String> names, int column, String value) {
        return ShapeException.invalidInput("step '" + step + "' (" + sklearnClass + ") met " + value + " in its column "
                + names.get(column) + ", a category unseen when it was fitted; its handle_unknown='error' refuses it: "
                + "fit it with handle_unknown='ignore' (OneHotEncoder) or 'use_encoded_value' (OrdinalEncoder), or "
                + "remove those rows");
    }

    /** Column names for messages: {@code feature_names_in_} quoted, or positions. */
    public static List<String> names(Object featureNames, int width) {
        if (featureNames instanceof List<?> l && l.size() == width && l.stream().allMatch(String.class::isInstance)) {
            return l.stream().map(n -> "'" + n + "'").toList();
        }
        return IntStream.range(0, width).mapToObj(i -> "#" + i).toList();
    }

    private static List<?> list(Map<String, Object> s, String key, int width, String where) {
        if (!(s.get(key) instanceof List<?> l) || l.size() != width) {
            throw ShapeException.invalidInput(where + ": " + key + " is " + Excerpt.of(s.get(key)) + ", not one entry per column");
        }
        return l;
    }

    /** An int vector (None when absent), as the decoder gives int arrays: lists of longs. */
    private static int[] ints(Object v, String what) {
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l && l.stream().allMatch(Long.class::isInstance)) {
            return l.stream().mapToInt(x -> Math.toIntExact((Long) x)).toArray();
        }
        throw ShapeException.invalidInput(what + " is " + Excerpt.of(v) + ", not a list of indices");
    }

    private static double number(Object v, String where, String key) {
        if (v == null && key.equals("unknown_value")) {
            return Double.NaN; // unused: handle_unknown='error'
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw ShapeException.invalidInput(where + ": " + key + " is " + Excerpt.of(v) + ", not a number");
    }
}
