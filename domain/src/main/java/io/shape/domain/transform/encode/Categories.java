package io.shape.domain.transform.encode;

import io.shape.domain.Excerpt;
import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.model.NdArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One input column's fitted {@code categories_} of an encoder: numbers (int, float or bool columns; sorted, NaN
 * last when fitting saw it) or texts (an object column; None then NaN last). A row holds a number column's value
 * as it is and a text column's cell as its {@link CategoryCodes} code, so that {@link #indexOf} finds the
 * category of either without a string on the hot path.
 */
final class Categories implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The texts, in order, when the column is text; null for numbers. */
    private final String[] texts;
    /** The numbers without a trailing NaN, sorted, when the column is numbers; null for text. */
    private final double[] numbers;
    private final int noneIndex;
    private final int nanIndex;
    private final int size;

    private Categories(String[] texts, double[] numbers, int noneIndex, int nanIndex, int size) {
        this.texts = texts;
        this.numbers = numbers;
        this.noneIndex = noneIndex;
        this.nanIndex = nanIndex;
        this.size = size;
    }

    /**
     * Reads one entry of a pickled {@code categories_}: a float array, a list of ints or bools, or a list of texts
     * that may end in None and NaN.
     *
     * @param where the step and column, for messages
     */
    static Categories read(Object pickled, String where) {
        if (pickled instanceof NdArray a && a.shape().length == 1) {
            return numbers(a.data(), where);
        }
        if (!(pickled instanceof List<?> items) || items.isEmpty()) {
            throw ShapeException.invalidInput(where + ": categories_ is " + Excerpt.of(pickled)
                    + ", not a non-empty array of categories");
        }
        if (items.stream().allMatch(i -> i instanceof Long || i instanceof Boolean || i instanceof Double)) {
            double[] values = new double[items.size()];
            for (int k = 0; k < values.length; k++) {
                Object v = items.get(k);
                values[k] = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
            }
            return numbers(values, where);
        }
        List<String> texts = new ArrayList<>();
        int none = -1;
        int nan = -1;
        for (int k = 0; k < items.size(); k++) {
            Object v = items.get(k);
            if (v instanceof String s && none < 0 && nan < 0) {
                texts.add(s);
            } else if (v == null && none < 0 && nan < 0) {
                none = k;
            } else if (v instanceof Double d && d.isNaN() && nan < 0) {
                nan = k;
            } else {
                throw ShapeException.invalidInput(where + ": categories_ holds " + Excerpt.of(v) + " at " + k
                        + "; shape reads categories that are all numbers, or texts followed by None and NaN");
            }
        }
        return new Categories(texts.toArray(String[]::new), null, none, nan, items.size());
    }

    /** Text categories in scikit-learn's order: the texts as given (sorted), then None, then NaN. */
    static Categories texts(List<String> texts, boolean none, boolean nan) {
        int n = texts.size();
        return new Categories(texts.toArray(String[]::new), null, none ? n : -1, nan ? n + (none ? 1 : 0) : -1,
                n + (none ? 1 : 0) + (nan ? 1 : 0));
    }

    /** Numeric categories sorted as numpy sorts them, NaN last; refused when they are not. */
    static Categories numbers(double[] values, String where) {
        int n = values.length;
        int nan = n > 0 && Double.isNaN(values[n - 1]) ? n - 1 : -1;
        double[] known = Arrays.copyOf(values, nan >= 0 ? n - 1 : n);
        for (int k = 0; k < known.length; k++) {
            known[k] = known[k] == 0 ? 0.0 : known[k];
        }
        for (int k = 0; k < known.length; k++) {
            if (Double.isNaN(known[k]) || k > 0 && !(known[k - 1] < known[k])) {
                throw ShapeException.invalidInput(where + ": categories_ " + Excerpt.of(Arrays.toString(values))
                        + " is not sorted with NaN last, as scikit-learn keeps numeric categories");
            }
        }
        return new Categories(null, known, -1, nan, n);
    }

    int size() {
        return size;
    }

    /** The numeric categories as scikit-learn keeps them, NaN last when there is one (a numeric column only). */
    double[] numbersWithNan() {
        double[] all = java.util.Arrays.copyOf(numbers, size);
        if (nanIndex >= 0) {
            all[nanIndex] = Double.NaN;
        }
        return all;
    }

    boolean hasNone() {
        return noneIndex >= 0;
    }

    /** A text column's texts, in order (None and NaN not among them). */
    List<String> texts() {
        return List.of(texts);
    }

    /**
     * The index of a category a spec names ({@code drop}): a {@code Double} (NaN for the NaN category), a text, or
     * null for None; -1 when it is not one of these categories.
     */
    int find(Object category) {
        if (category == null) {
            return noneIndex;
        }
        if (category instanceof Double d && d.isNaN()) {
            return nanIndex;
        }
        if (category instanceof String s) {
            return texts == null ? -1 : java.util.Arrays.asList(texts).indexOf(s);
        }
        if (category instanceof Double d && numbers != null) {
            int k = Arrays.binarySearch(numbers, d == 0 ? 0.0 : d);
            return k >= 0 ? k : -1;
        }
        return -1;
    }

    /** A category as a message names it: None, a number, or a quoted text. */
    static String show(Object category) {
        if (category == null) {
            return "None";
        }
        if (category instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue()) : d.toString();
        }
        return "'" + Excerpt.of(category) + "'";
    }

    boolean hasNan() {
        return nanIndex >= 0;
    }

    boolean isText() {
        return texts != null;
    }

    /** The codes a reader gives this column's cells (a text column only). */
    CategoryCodes codes(java.util.Optional<String> refusedBy) {
        return new CategoryCodes(List.of(texts), noneIndex >= 0, nanIndex >= 0, refusedBy);
    }

    /** The category of a row's value (a number, or a text column's code); -1 when it is unseen. */
    int indexOf(double v) {
        if (v != v) {
            return nanIndex;
        }
        if (texts != null) {
            if (v >= 0) {
                return (int) v;
            }
            return v == CategoryCodes.NONE ? noneIndex : -1;
        }
        int k = Arrays.binarySearch(numbers, v == 0 ? 0.0 : v); // numpy's -0.0 == 0.0; binarySearch's is not
        return k >= 0 ? k : -1;
    }

    /** A category as scikit-learn prints it in feature names ({@code None}, {@code nan}, {@code 3.0}, {@code red}). */
    String label(int index) {
        if (index == noneIndex) {
            return "None";
        }
        if (index == nanIndex) {
            return "nan";
        }
        return texts != null ? texts[index] : Double.toString(numbers[index]);
    }

    /** A row's value as a message names it (the code of a text column's cell is no longer its text). */
    String describeValue(double v) {
        if (texts != null) {
            return v != v ? "NaN" : v == CategoryCodes.NONE ? "None" : "a text";
        }
        return Double.toString(v);
    }
}
