package io.shape.domain.data;

import io.shape.domain.ShapeException;

/**
 * The column types a feature cannot have, whatever engine reads the table: pyarrow refuses a table whose
 * column name appears twice (pandas never sees it), and pandas makes datetime64, timedelta64 or Python
 * date/time objects of date, time, timestamp and interval columns, which scikit-learn refuses to convert
 * to float64. Both engines detect these in their own schema terms and refuse with these messages.
 */
public final class FeatureTypes {
    private FeatureTypes() {
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
}
