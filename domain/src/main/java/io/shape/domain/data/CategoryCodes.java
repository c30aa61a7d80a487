package io.shape.domain.data;

import io.shape.domain.ShapeException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the cells of a text column become the numbers of a row: a known category is its index in the encoder's
 * {@code categories_} (the texts come first there, None and NaN last, as scikit-learn sorts them), an unseen
 * text is {@link #UNSEEN}, a null read as Python's {@code None} is {@link #NONE} and one read as {@code NaN} is
 * NaN. The encoder maps these codes back to its categories; the reader refuses an unseen value early when the
 * encoder would (handle_unknown='error'), naming the row and the value, which the encoder no longer sees.
 *
 * <p>Which nulls are None and which NaN is {@link #nullOf}: pandas gives None for a missing text of a string
 * (object) column and NaN for one of a categorical column or of a CSV column, and scikit-learn's encoders keep
 * the two apart ({@code _extract_missing}).
 */
public class CategoryCodes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final double UNSEEN = -1.0;
    public static final double NONE = -2.0;

    private final List<String> texts;
    private final Map<String, Integer> index;
    private final boolean noneKnown;
    private final boolean nanKnown;
    /** The step that refuses an unseen value (handle_unknown='error'), if one does. */
    private final String refusedBy;

    /**
     * @param texts     the encoder's text categories in order (None and NaN excluded)
     * @param refusedBy the step path and class that refuses unseen values, if any
     */
    public CategoryCodes(List<String> texts, boolean noneKnown, boolean nanKnown, Optional<String> refusedBy) {
        this.texts = List.copyOf(texts);
        this.index = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            index.putIfAbsent(texts.get(i), i);
        }
        this.noneKnown = noneKnown;
        this.nanKnown = nanKnown;
        this.refusedBy = refusedBy.orElse(null);
    }

    /** The texts known, in code order (for comparing the codes two readers of a column would use). */
    public List<String> texts() {
        return texts;
    }

    public boolean noneKnown() {
        return noneKnown;
    }

    public boolean nanKnown() {
        return nanKnown;
    }

    public Optional<String> refusedBy() {
        return Optional.ofNullable(refusedBy);
    }

    /**
     * The code of a present cell; an unseen one is refused here when the encoder refuses it.
     *
     * @param row the cell's row, from 0 across the table's files
     */
    public double code(String text, String column, String location, long row) {
        Integer i = index.get(text);
        if (i != null) {
            return i;
        }
        if (refusedBy != null) {
            throw unseen(column, location, row, "'" + io.shape.domain.Excerpt.of(text) + "'");
        }
        return UNSEEN;
    }

    /** The code of a null cell: {@link #NONE} or NaN ({@link #nullOf}); refused when unseen and refused. */
    public double missing(boolean none, String column, String location, long row) {
        if (refusedBy != null && !(none ? noneKnown : nanKnown)) {
            throw unseen(column, location, row, none ? "None (a null text)" : "NaN (a null)");
        }
        return none ? NONE : Double.NaN;
    }

    /**
     * The code of a cell as pandas reads it: a null is None or NaN ({@link #nullOf}), a CSV cell spelled as one of
     * pandas' missing values is NaN, any other text is coded.
     *
     * @param text       the cell, null for a null
     * @param nullIsNone whether a null of this column is None
     * @param csv        whether the cell is CSV text
     */
    public double cell(String text, boolean nullIsNone, boolean csv, String column, String location, long row) {
        if (text == null) {
            return missing(nullIsNone, column, location, row);
        }
        return csv && CsvNumber.isMissing(text) ? missing(false, column, location, row)
                : code(text, column, location, row);
    }

    /**
     * Whether a null of a parquet text column is None: it is, unless pandas wrote the column as categorical (its
     * {@code pandas_type} in the file's pandas metadata), which pandas reads back with NaN for a null.
     */
    public static boolean nullOf(Optional<String> pandasType) {
        return !pandasType.map("categorical"::equals).orElse(false);
    }

    private ShapeException unseen(String column, String location, long row, String value) {
        return ShapeException.invalidInput("column '" + column + "' of " + location + " holds " + value + " at row "
                + row + " (rows count from 0), a category " + refusedBy + " did not see when it was fitted; its "
                + "handle_unknown='error' refuses it: fit it with handle_unknown='ignore' (OneHotEncoder) or "
                + "'use_encoded_value' (OrdinalEncoder), or remove those rows");
    }
}
