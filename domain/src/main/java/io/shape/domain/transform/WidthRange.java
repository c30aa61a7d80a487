package io.shape.domain.transform;

/**
 * The number of columns a step can output, known from the spec and the input width before any row is read:
 * one value for most steps, a range where the fit may drop columns (SimpleImputer drops those with no value).
 * Counts saturate at {@link #SATURATED} instead of overflowing, so an absurd spec is measured, not wrapped.
 */
public record WidthRange(long min, long max) {
    /** At least this many columns: more than a {@code long} counts, far more than any bound. */
    public static final long SATURATED = Long.MAX_VALUE;

    public WidthRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("widths " + min + ".." + max);
        }
    }

    public static WidthRange exactly(long width) {
        return new WidthRange(width, width);
    }

    public boolean contains(long width) {
        return min <= width && width <= max;
    }

    @Override
    public String toString() {
        return min == max ? show(min) : show(min) + ".." + show(max);
    }

    static String show(long width) {
        return width == SATURATED ? "at least " + SATURATED : Long.toString(width);
    }
}
