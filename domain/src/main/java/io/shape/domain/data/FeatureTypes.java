package io.shape.domain.data;

import io.shape.domain.ShapeException;

/**
 * The feature columns a table must have, and the types a feature cannot have, whatever engine reads the
 * table: pyarrow refuses a table whose
 * column name appears twice (pandas never sees it), and pandas makes datetime64, timedelta64 or Python
 * date/time objects of date, time, timestamp and interval columns, which scikit-learn refuses to convert
 * to float64. Both engines detect these in their own schema terms and refuse with these messages.
 */
public final class FeatureTypes {
    private FeatureTypes() {
    }

    /**
     * Feature columns the table lacks (names compare case-sensitively, as pandas does), on every engine.
     *
     * @param present the table's columns, in its order
     */
    public static ShapeException missing(java.util.List<String> missing, String location,
            java.util.List<String> present) {
        String names = String.join(", ", missing.stream().map(n -> "'" + n + "'").toList());
        return ShapeException.invalidInput("feature column" + (missing.size() == 1 ? " " : "s ") + names + " not in "
                + location + "; its columns are: " + String.join(", ", present) + ". Score a table that has the "
                + "columns the model was fitted on or the spec's \"features\" names (--features names others)");
    }

    public static ShapeException duplicated(String column, String location) {
        return ShapeException.invalidInput("the column '" + column + "' appears twice in " + location
                + "; pyarrow refuses such a table: rename or drop one of them when writing the data");
    }

    /** @param type the column's type as the engine's schema names it */
    public static ShapeException dateOrTime(String column, String location, String type) {
        return ShapeException.invalidInput("feature column '" + column + "' of " + location + " holds dates or times ("
                + type + "), which scikit-learn does not convert to numbers; convert it to a number when writing"
                + " the data (e.g. seconds since an epoch) or leave it out of \"features\"");
    }

    /**
     * A text column where the pipeline reads numbers: pandas would leave it as text, which scikit-learn cannot
     * convert to float.
     *
     * @param type the column's type as the engine's schema names it
     */
    public static ShapeException text(String column, String location, String type) {
        return ShapeException.invalidInput("feature column '" + column + "' of " + location + " holds text (" + type
                + ") but the pipeline reads it as numbers (scikit-learn cannot convert text to float); write numbers "
                + "there, or encode the column with a OneHotEncoder or OrdinalEncoder in the pipeline");
    }

    /** A numeric column where an encoder fitted on text categories reads it: none of its cells would be known. */
    public static ShapeException notText(String column, String location, String type, CategoryCodes codes) {
        return ShapeException.invalidInput("feature column '" + column + "' of " + location + " holds " + type
                + " values, but the pipeline's encoder was fitted on text categories there ("
                + io.shape.domain.Excerpt.of(codes.texts()) + "); write the column as text, as it was when the "
                + "pipeline was fitted");
    }
}
