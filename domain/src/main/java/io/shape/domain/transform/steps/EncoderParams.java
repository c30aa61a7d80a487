package io.shape.domain.transform.steps;

import io.shape.domain.transform.WidthPlan;
import io.shape.domain.transform.encode.EncoderFit;

/**
 * The parameters OneHotEncoder and OrdinalEncoder share, checked as scikit-learn 1.6.1's constraints check them:
 * {@code categories} (only 'auto' here: categories listed in a spec would need the table's dtypes to compare),
 * {@code dtype}, {@code min_frequency} (an int of at least 1, or a float strictly between 0 and 1) and
 * {@code max_categories} (an int of at least 1).
 */
final class EncoderParams {
    /**
     * The most distinct values a column may hold to be encoded: a column with more is a measurement (a continuous
     * feature), whose counts alone would take hundreds of megabytes, and whose one-hot columns would be useless.
     */
    static final long MAX_CATEGORIES_PER_COLUMN = 100_000;
    /** All columns' categories together: a one-hot encoder outputs one column each, which {@link WidthPlan} bounds. */
    static final long MAX_CATEGORIES = WidthPlan.MAX_COLUMNS;

    private EncoderParams() {
    }

    static EncoderFit.Infrequent read(Params p) {
        Object categories = p.given("categories") ? p.raw("categories") : "auto";
        if (!"auto".equals(categories)) {
            throw p.problem("categories", "must be \"auto\" (the categories found in the data); an encoder with "
                    + "categories of its own can be applied from a fitted Pipeline pickle");
        }
        p.record("categories", "auto");
        Object dtype = p.given("dtype") ? p.raw("dtype") : "float64";
        if (!"float64".equals(dtype)) {
            throw p.problem("dtype", "must be \"float64\" (shape's rows are float64), got " + Params.show(dtype));
        }
        p.record("dtype", "float64");
        Object min = p.raw("min_frequency");
        if (min != null && !(min instanceof Long n && n >= 1) && !(min instanceof Double f && f > 0 && f < 1)) {
            throw p.problem("min_frequency", "must be an int of at least 1 (a count), a float strictly between 0 and "
                    + "1 (a fraction of the rows) or null, got " + Params.show(min));
        }
        p.record("min_frequency", min);
        Long max = p.optionalInteger("max_categories", null, 1, Long.MAX_VALUE);
        return new EncoderFit.Infrequent((Number) min, max);
    }

    /** Per input column, the codes its text cells are read with when the encoder reads the table's text. */
    static io.shape.domain.data.CategoryCodes[] textCodes(io.shape.domain.data.ColumnPlan table, int width) {
        io.shape.domain.data.CategoryCodes[] codes = new io.shape.domain.data.CategoryCodes[width];
        for (int c = 0; c < width && table.width() == width; c++) {
            if (table.use(c) == io.shape.domain.data.ColumnPlan.Use.CATEGORIES) {
                codes[c] = table.codes(c);
            }
        }
        return codes;
    }

    /** A JSON integer, or the string "NaN" for numpy's nan (JSON has no NaN); null only when {@code nullable}. */
    static Double integerOrNan(Params p, String name, Double dflt, boolean nullable) {
        Object v = p.given(name) ? p.raw(name) : dflt == null ? null : dflt.isNaN() ? "NaN" : (Object) dflt.longValue();
        if (v == null && nullable) {
            p.record(name, null);
            return null;
        }
        if (v instanceof String s && s.equalsIgnoreCase("nan")) {
            p.record(name, "NaN");
            return Double.NaN;
        }
        if (v instanceof Long n) {
            p.record(name, n);
            return n.doubleValue();
        }
        throw p.problem(name, "must be an int or \"NaN\"" + (nullable ? " or null" : "") + ", got " + Params.show(v));
    }
}
