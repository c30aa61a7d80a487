package io.shape.domain.transform.encode;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A OneHotEncoder or OrdinalEncoder fitted from a spec on the run's numbers and texts, as scikit-learn 1.6.1's
 * {@code fit} decides it from {@code _unique}'s categories and counts: the infrequent categories
 * ({@code _identify_infrequent}: counts under {@code min_frequency}, then the smallest counts beyond
 * {@code max_categories − 1}, ties broken by a stable sort), their grouping ({@code _default_to_infrequent_mappings};
 * OrdinalEncoder keeps a NaN category out of it), the dropped category ({@code _set_drop_idx}) and the checks its fit
 * makes. The fitted transforms are the ones a pickled encoder becomes, so a spec-fitted encoder and a pickled one
 * apply alike.
 */
public final class EncoderFit {
    /** The fitted attributes a saved state holds, besides handle_unknown and the ordinal values. */
    private static final String CATEGORIES = "categories_";
    private static final String GROUPING = "grouping";
    private static final String FIRST_INFREQUENT = "first_infrequent";
    private static final String DROPPED = "dropped";
    /** A text column's categories: per column 1 for text (then its texts, None and NaN flags), 0 for numbers. */
    private static final String TEXT = "category_text";
    private static final String TEXTS = "category_texts";
    private static final String NONE = "category_none";
    private static final String NAN = "category_nan";

    /**
     * The infrequent grouping's parameters.
     *
     * @param minFrequency a {@code Long} count, a {@code Double} fraction of the rows, or null
     * @param maxCategories null when unbounded
     */
    public record Infrequent(Number minFrequency, Long maxCategories) implements java.io.Serializable {
        boolean enabled() {
            return minFrequency != null || maxCategories != null;
        }
    }

    /**
     * @param drop null, {@code "first"}, {@code "if_binary"}, or per column the category to drop: a {@code Double}
     *             (NaN for the NaN category), a {@code String} of a text column, or null for its None category
     */
    public record OneHot(String handleUnknown, Object drop, Infrequent infrequent) implements java.io.Serializable {}

    public record Ordinal(boolean useEncodedValue, double unknownValue, double encodedMissingValue,
                          Infrequent infrequent) implements java.io.Serializable {}

    private EncoderFit() {
    }

    public static FittedTransform oneHot(String step, CategoryTally.Counts counts, OneHot options) {
        List<String> names = positions(counts.values().length);
        EncodedColumn[] columns = columns(counts, options.infrequent(), false, step, "OneHotEncoder");
        int width = columns.length;
        int[] dropped = new int[width];
        int[] widths = new int[width];
        if (options.drop() instanceof List<?> perColumn && perColumn.size() != width) {
            throw fitError(step, "OneHotEncoder", "its drop names " + perColumn.size() + " categories but it is "
                    + "given " + width + " columns; give one per column");
        }
        for (int i = 0; i < width; i++) {
            int size = columns[i].categories().size();
            int groups = groups(columns[i], size);
            dropped[i] = dropIndex(options.drop(), i, counts.columns().get(i), columns[i], groups, step);
            widths[i] = groups - (dropped[i] < size ? 1 : 0);
        }
        return new OneHotEncoding(step, names, columns, unknown(options.handleUnknown()), dropped, widths);
    }

    public static FittedTransform ordinal(String step, CategoryTally.Counts counts, Ordinal options) {
        List<String> names = positions(counts.values().length);
        EncodedColumn[] columns = columns(counts, options.infrequent(), true, step, "OrdinalEncoder");
        int[] missing = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int size = columns[i].categories().size();
            missing[i] = columns[i].categories().hasNan() ? size - 1 : -1;
            // scikit-learn takes every infrequent category, not all but the group they become, off the cardinality
            int[] g = columns[i].grouping();
            int group = g == null ? -1 : Arrays.stream(g).max().getAsInt(); // the infrequent ones' index
            long infrequent = g == null ? 0 : Arrays.stream(g).filter(k -> k == group).count();
            long cardinality = size - infrequent - (missing[i] >= 0 ? 1 : 0);
            if (options.useEncodedValue() && 0 <= options.unknownValue() && options.unknownValue() < cardinality) {
                throw fitError(step, "OrdinalEncoder", "its unknown_value " + show(options.unknownValue())
                        + " is one of the values already used for encoding the seen categories of column "
                        + counts.columns().get(i) + "; choose a negative value or at least the number of categories");
            }
            double m = options.encodedMissingValue();
            if (missing[i] >= 0 && !Double.isNaN(m) && 0 <= m && m < cardinality) {
                throw fitError(step, "OrdinalEncoder", "its encoded_missing_value (" + show(m) + ") is already used "
                        + "to encode a known category in column " + counts.columns().get(i)
                        + "; choose a negative value or NaN");
            }
        }
        return new OrdinalEncoding(step, names, columns, missing, options.useEncodedValue(), options.unknownValue(),
                options.encodedMissingValue());
    }

    /** Each column's categories and infrequent grouping; an OrdinalEncoder leaves a NaN category out of the counts. */
    private static EncodedColumn[] columns(CategoryTally.Counts counts, Infrequent infrequent, boolean nanApart,
            String step, String sklearnClass) {
        EncodedColumn[] columns = new EncodedColumn[counts.values().length];
        for (int i = 0; i < columns.length; i++) {
            if (counts.values()[i].length == 0) {
                throw fitError(step, sklearnClass, "it was fitted on no rows");
            }
            String where = "step '" + step + "' (" + sklearnClass + ") column " + counts.columns().get(i);
            Seen seen = seen(counts, i, where);
            Categories categories = seen.categories();
            long[] n = seen.counts();
            if (nanApart && categories.hasNan()) {
                n = Arrays.copyOf(n, n.length - 1);
            }
            boolean[] mask = infrequent.enabled() ? infrequentMask(n, counts.rows(), infrequent) : new boolean[n.length];
            int first = IntStream.range(0, mask.length).filter(k -> mask[k]).findFirst().orElse(-1);
            columns[i] = new EncodedColumn(categories, first, first < 0 ? null : grouping(mask));
        }
        return columns;
    }

    /** One column's categories, and how often each occurred, in the categories' order. */
    private record Seen(Categories categories, long[] counts) {}

    /**
     * A column's categories from the tally: its numbers as they are, or its text codes turned back into the
     * texts they stand for, None and NaN last as scikit-learn sorts them (the codes put None first).
     */
    private static Seen seen(CategoryTally.Counts counts, int column, String where) {
        double[] values = counts.values()[column];
        long[] n = counts.counts()[column];
        CategoryCodes codes = counts.texts()[column];
        if (codes == null) {
            return new Seen(Categories.numbers(values, where), n);
        }
        List<String> texts = codes.texts();
        long[] ordered = new long[texts.size() + 2];
        boolean none = false;
        boolean nan = false;
        for (int k = 0; k < values.length; k++) {
            double v = values[k];
            if (v != v) {
                nan = true;
                ordered[texts.size() + 1] = n[k];
            } else if (v == CategoryCodes.NONE) {
                none = true;
                ordered[texts.size()] = n[k];
            } else if (v >= 0 && v < texts.size() && v == Math.rint(v)) {
                ordered[(int) v] = n[k];
            } else {
                throw changed(where);
            }
        }
        long[] categoryCounts = new long[texts.size() + (none ? 1 : 0) + (nan ? 1 : 0)];
        System.arraycopy(ordered, 0, categoryCounts, 0, texts.size());
        for (int k = 0; k < texts.size(); k++) {
            if (ordered[k] == 0) {
                throw changed(where);
            }
        }
        int at = texts.size();
        if (none) {
            categoryCounts[at++] = ordered[texts.size()];
        }
        if (nan) {
            categoryCounts[at] = ordered[texts.size() + 1];
        }
        return new Seen(Categories.texts(texts, none, nan), categoryCounts);
    }

    /** The fit met a text the survey before it did not, or missed one it did: the table is not the one surveyed. */
    private static ShapeException changed(String where) {
        return ShapeException.invalidInput(where + ": the table's texts changed between the survey of its "
                + "distinct texts and the fit; score a table that does not change while it is read");
    }

    /** {@code _identify_infrequent}. */
    static boolean[] infrequentMask(long[] counts, long rows, Infrequent options) {
        boolean[] mask = new boolean[counts.length];
        Number min = options.minFrequency();
        for (int k = 0; k < counts.length; k++) {
            mask[k] = min instanceof Long m ? counts[k] < m : min instanceof Double f && counts[k] < rows * f;
        }
        long infrequent = IntStream.range(0, mask.length).filter(k -> mask[k]).count();
        long current = counts.length - infrequent + 1;
        Long max = options.maxCategories();
        if (max != null && max < current) {
            long frequent = max - 1;
            if (frequent == 0) {
                Arrays.fill(mask, true);
            } else {
                // np.argsort(kind="mergesort")[:-frequent]: the smallest counts, ties in column order
                Integer[] order = IntStream.range(0, counts.length).boxed().toArray(Integer[]::new);
                Arrays.sort(order, (a, b) -> Long.compare(counts[a], counts[b])); // a stable merge sort
                for (int k = 0; k < counts.length - frequent; k++) {
                    mask[order[k]] = true;
                }
            }
        }
        return mask;
    }

    /** Frequent categories keep their order from 0; the infrequent ones all map to the index after them. */
    private static int[] grouping(boolean[] mask) {
        int frequent = (int) IntStream.range(0, mask.length).filter(k -> !mask[k]).count();
        int[] mapping = new int[mask.length];
        for (int k = 0, next = 0; k < mask.length; k++) {
            mapping[k] = mask[k] ? frequent : next++;
        }
        return mapping;
    }

    /** The columns a column's categories become after grouping. */
    private static int groups(EncodedColumn column, int size) {
        return column.grouping() == null ? size : Arrays.stream(column.grouping()).max().orElse(-1) + 1;
    }

    /** {@code _drop_idx_after_grouping} of one column; its category count when nothing is dropped. */
    private static int dropIndex(Object drop, int column, String name, EncodedColumn encoded, int groups,
            String step) {
        int none = encoded.categories().size();
        if (drop == null) {
            return none;
        }
        if ("first".equals(drop)) {
            return 0;
        }
        if ("if_binary".equals(drop)) {
            return groups == 2 ? 0 : none;
        }
        Object value = ((List<?>) drop).get(column);
        int index = encoded.categories().find(value);
        if (index < 0) {
            throw fitError(step, "OneHotEncoder", "the category " + Categories.show(value) + " it should drop from "
                    + "column " + name + " was not found in the data it was fitted on");
        }
        if (encoded.grouping() == null) {
            return index;
        }
        if (encoded.grouping()[index] == groups - 1 && encoded.firstInfrequent() >= 0) {
            throw fitError(step, "OneHotEncoder", "it cannot drop the category " + Categories.show(value)
                    + " of column " + name + " because it is infrequent");
        }
        return encoded.grouping()[index];
    }

    static OneHotEncoding.Unknown unknown(String handleUnknown) {
        return switch (handleUnknown) {
            case "error" -> OneHotEncoding.Unknown.ERROR;
            case "ignore", "warn" -> OneHotEncoding.Unknown.IGNORE;
            case "infrequent_if_exist" -> OneHotEncoding.Unknown.INFREQUENT_IF_EXIST;
            default -> throw new IllegalArgumentException("handle_unknown " + handleUnknown);
        };
    }

    /** The fitted attributes that rebuild a numeric encoder ({@link #restoreOneHot}, {@link #restoreOrdinal}). */
    static void save(EncodedColumn[] columns, java.util.Map<String, Object> attributes) {
        attributes.put("n_features_in_", (long) columns.length);
        attributes.put(CATEGORIES, Arrays.stream(columns).map(c -> c.categories().isText() ? new double[0]
                : c.categories().numbersWithNan()).toArray(double[][]::new));
        if (Arrays.stream(columns).anyMatch(c -> c.categories().isText())) {
            attributes.put(TEXT, Arrays.stream(columns).mapToDouble(c -> c.categories().isText() ? 1 : 0).toArray());
            attributes.put(TEXTS, Arrays.stream(columns).map(c -> c.categories().isText() ? c.categories().texts()
                    : List.<String>of()).toList());
            attributes.put(NONE, Arrays.stream(columns).mapToDouble(c -> c.categories().hasNone() ? 1 : 0).toArray());
            attributes.put(NAN, Arrays.stream(columns).mapToDouble(c -> c.categories().isText()
                    && c.categories().hasNan() ? 1 : 0).toArray());
        }
        attributes.put(FIRST_INFREQUENT, Arrays.stream(columns).mapToDouble(EncodedColumn::firstInfrequent).toArray());
        attributes.put(GROUPING, Arrays.stream(columns).map(c -> c.grouping() == null ? new double[0]
                : Arrays.stream(c.grouping()).asDoubleStream().toArray()).toArray(double[][]::new));
    }

    static void saveDropped(int[] dropped, java.util.Map<String, Object> attributes) {
        attributes.put(DROPPED, Arrays.stream(dropped).asDoubleStream().toArray());
    }

    public static FittedTransform restoreOneHot(FittedState state, String handleUnknown) {
        EncodedColumn[] columns = restoredColumns(state);
        int[] dropped = ints(state, DROPPED, columns.length);
        int[] widths = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int size = columns[i].categories().size();
            if (dropped[i] < 0 || dropped[i] > size) {
                throw saved(state, "its dropped index " + dropped[i] + " is outside column #" + i + "'s categories");
            }
            widths[i] = groups(columns[i], size) - (dropped[i] < size ? 1 : 0);
        }
        OneHotEncoding restored = new OneHotEncoding(state.step(), positions(columns.length), columns,
                unknown(handleUnknown), dropped, widths);
        if (restored.outputWidth() != state.outputWidth()) {
            throw saved(state, "its categories make " + restored.outputWidth() + " columns, not the "
                    + state.outputWidth() + " it was saved with");
        }
        return restored;
    }

    public static FittedTransform restoreOrdinal(FittedState state, Ordinal options) {
        EncodedColumn[] columns = restoredColumns(state);
        int[] missing = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            missing[i] = columns[i].categories().hasNan() ? columns[i].categories().size() - 1 : -1;
        }
        return new OrdinalEncoding(state.step(), positions(columns.length), columns, missing,
                options.useEncodedValue(), options.unknownValue(), options.encodedMissingValue());
    }

    private static EncodedColumn[] restoredColumns(FittedState state) {
        if (!(state.attributes().get(CATEGORIES) instanceof double[][] categories)
                || !(state.attributes().get(GROUPING) instanceof double[][] grouping)
                || categories.length != state.inputWidth() || grouping.length != categories.length) {
            throw saved(state, "it has no categories and grouping for its " + state.inputWidth() + " columns");
        }
        int[] first = ints(state, FIRST_INFREQUENT, categories.length);
        boolean anyText = state.attributes().containsKey(TEXT);
        int[] text = anyText ? ints(state, TEXT, categories.length) : new int[categories.length];
        int[] none = anyText ? ints(state, NONE, categories.length) : null;
        int[] nan = anyText ? ints(state, NAN, categories.length) : null;
        List<?> texts = anyText && state.attributes().get(TEXTS) instanceof List<?> l && l.size() == categories.length
                ? l : null;
        if (anyText && texts == null) {
            throw saved(state, "it has no texts for its " + categories.length + " columns");
        }
        EncodedColumn[] columns = new EncodedColumn[categories.length];
        for (int i = 0; i < columns.length; i++) {
            String where = "saved state of step '" + state.step() + "' column #" + i;
            Categories c = text[i] == 1 ? Categories.texts(texts(texts.get(i), state), none[i] == 1, nan[i] == 1)
                    : Categories.numbers(categories[i], where);
            int[] g = grouping[i].length == 0 ? null : Arrays.stream(grouping[i]).mapToInt(d -> (int) d).toArray();
            if (g != null && (g.length > c.size() || Arrays.stream(g).anyMatch(k -> k < 0 || k >= c.size()))
                    || first[i] >= c.size() || (g == null) != (first[i] < 0)) {
                throw saved(state, "column #" + i + "'s infrequent grouping does not fit its " + c.size() + " categories");
            }
            columns[i] = new EncodedColumn(c, first[i], g);
        }
        return columns;
    }

    private static List<String> texts(Object saved, FittedState state) {
        if (!(saved instanceof List<?> l) || !l.stream().allMatch(t -> t instanceof String)) {
            throw saved(state, "its texts are not lists of texts");
        }
        return l.stream().map(String.class::cast).toList();
    }

    private static int[] ints(FittedState state, String key, int width) {
        if (!(state.attributes().get(key) instanceof double[] v) || v.length != width) {
            throw saved(state, "its '" + key + "' is not one number per column");
        }
        return Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    private static ShapeException saved(FittedState state, String problem) {
        return ShapeException.invalidInput("saved state of step '" + state.step() + "' (" + state.sklearnClass()
                + "): " + problem + "; refit the pipeline");
    }

    private static ShapeException fitError(String step, String sklearnClass, String problem) {
        return ShapeException.invalidInput("step '" + step + "' (" + sklearnClass + ") cannot be fitted: " + problem);
    }

    private static List<String> positions(int width) {
        return Encoders.names(null, width);
    }

    private static String show(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.format(Locale.ROOT, "%d", (long) v) : Double.toString(v);
    }
}
