package io.shape.domain.data;

import io.shape.domain.ShapeException;

import java.util.Arrays;
import java.util.List;

/**
 * What the feature values of a table hold, per column: cells that are not numbers, missing values (NaN) and
 * infinities, each with its count and first row, and the rule scikit-learn's check_array applies to them: text
 * is refused (CSV cells spelled as booleans too, unless their column holds only booleans and missing cells),
 * infinity is always refused ("Input X contains infinity", an overflowing literal included), NaN only when no
 * step of the pipeline imputes it. Both engines count their values into tallies (one per batch of
 * rows or per partition, merged) and ask the merged tally for the verdict, so they refuse the same tables with
 * the same message. Rows are positions from 0 across the files in path order, as pandas numbers them.
 */
public final class ValueTally implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final long NONE = Long.MAX_VALUE;

    private final long[] missing;
    private final long[] firstMissing;
    private final long[] infinite;
    private final long[] firstInfinite;
    private final long[] text;
    private final long[] firstText;
    private final String[] firstTextCell;
    /** The first CSV cell spelled as a boolean ({@link CsvNumber#bool}), and whether the column also has numbers. */
    private final long[] firstBoolean;
    private final String[] firstBooleanCell;
    private final boolean[] numbers;

    public ValueTally(int width) {
        missing = new long[width];
        infinite = new long[width];
        text = new long[width];
        firstMissing = filled(width);
        firstInfinite = filled(width);
        firstText = filled(width);
        firstTextCell = new String[width];
        firstBoolean = filled(width);
        firstBooleanCell = new String[width];
        numbers = new boolean[width];
    }

    /**
     * Counts {@code rows} rows of row-major values whose first row is {@code firstRow}. Finite values cost one
     * subtraction and compare each ({@code x - x} is 0 only for them); the rest are sorted out one by one.
     */
    public void count(double[] values, int rows, long firstRow) {
        int width = missing.length;
        int at = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++, at++) {
                double x = values[at];
                if (x - x != 0) {
                    nonFinite(c, firstRow + r, x);
                }
            }
        }
    }

    /** A cell at {@code row} of column {@code column} that is text, not a number (its value is counted as NaN). */
    public void text(int column, long row, String cell) {
        text[column]++;
        if (row < firstText[column]) {
            firstText[column] = row;
            firstTextCell[column] = cell;
        }
    }

    /**
     * A CSV cell at {@code row} of column {@code column} spelled as a boolean: 1.0 or 0.0 when the whole column is
     * booleans and missing cells (pandas makes it a bool column), text when the column also has a number or text.
     */
    public void bool(int column, long row, String cell) {
        if (row < firstBoolean[column]) {
            firstBoolean[column] = row;
            firstBooleanCell[column] = cell;
        }
    }

    /**
     * A CSV cell of column {@code column} that is a number, not missing: a boolean cell there is text.
     *
     * @return whether it is the column's first number (a reader's verdict on the column may change with it)
     */
    public boolean number(int column) {
        boolean first = !numbers[column];
        numbers[column] = true;
        return first;
    }

    /** Whether {@link #requireNumbers} refuses what was counted so far: rows after these cannot make it accept. */
    public boolean refusesText() {
        for (int c = 0; c < text.length; c++) {
            if (text[c] > 0 || firstBoolean[c] != NONE && numbers[c]) {
                return true;
            }
        }
        return false;
    }

    /** Adds another tally of the same columns (another batch or partition), in any order. */
    public void add(ValueTally other) {
        for (int c = 0; c < missing.length; c++) {
            missing[c] += other.missing[c];
            infinite[c] += other.infinite[c];
            firstMissing[c] = Math.min(firstMissing[c], other.firstMissing[c]);
            firstInfinite[c] = Math.min(firstInfinite[c], other.firstInfinite[c]);
            if (other.text[c] > 0) {
                text[c] += other.text[c] - 1;
                text(c, other.firstText[c], other.firstTextCell[c]);
            }
            if (other.firstBoolean[c] != NONE) {
                bool(c, other.firstBoolean[c], other.firstBooleanCell[c]);
            }
            numbers[c] |= other.numbers[c];
        }
    }

    public long missing(int column) {
        return missing[column];
    }

    public long infinite(int column) {
        return infinite[column];
    }

    /**
     * The verdict, in scikit-learn's order: text first (pandas leaves the column as text, which check_array
     * cannot convert), then NaN when it is not accepted, then infinity. Each names the earliest row holding
     * such a value, and of its columns the first in feature order: where a reader that stops at the first
     * text cell, scanning rows in order, stops too.
     *
     * @param acceptsMissing per column, whether NaN there never reaches the estimator
     *                       ({@code Pipeline.missingAccepted}: a step imputes or encodes it, or drops the column)
     * @throws ShapeException INVALID_INPUT naming the table, the column, the first row and what to do
     */
    public void require(List<String> features, String location, boolean[] acceptsMissing) {
        requireNumbers(features, location);
        long[] refused = missing.clone();
        for (int k = 0; k < refused.length; k++) {
            refused[k] = acceptsMissing[k] ? 0 : refused[k];
        }
        int c = earliest(refused, firstMissing);
        if (c >= 0) {
            throw ShapeException.invalidInput("feature column '" + features.get(c) + "' of " + location + " has "
                    + missing[c] + " missing value(s) (null, empty, NA or NaN), the first at row " + firstMissing[c]
                    + " (rows count from 0); add a SimpleImputer step to the pipeline, or remove those rows");
        }
        c = earliest(infinite, firstInfinite);
        if (c >= 0) {
            throw ShapeException.invalidInput("feature column '" + features.get(c) + "' of " + location + " has "
                    + infinite[c] + " infinite value(s), the first at row " + firstInfinite[c]
                    + " (rows count from 0; an overflowing number such as 1e999 is infinite); scikit-learn"
                    + " refuses infinity: replace those values or remove those rows");
        }
    }

    /**
     * The verdict on text alone, which no later row can change: the earliest text cell, a boolean cell counting
     * as text in a column that also holds a number or text (pandas then leaves the column as text).
     *
     * @throws ShapeException INVALID_INPUT naming the table, the column, the row and the cell
     */
    public void requireNumbers(List<String> features, String location) {
        int c = -1;
        long row = NONE;
        String cell = null;
        for (int k = 0; k < text.length; k++) { // the earliest row, the first column among equals
            if (firstText[k] < row) {
                c = k;
                row = firstText[k];
                cell = firstTextCell[k];
            }
            if (firstBoolean[k] < row && (numbers[k] || text[k] > 0)) {
                c = k;
                row = firstBoolean[k];
                cell = firstBooleanCell[k];
            }
        }
        if (c >= 0) {
            throw notANumber(features.get(c), location, row, cell);
        }
    }

    /** The column with a count whose first row is the earliest (the first column among equals); -1 if none. */
    private static int earliest(long[] counts, long[] firstRows) {
        int best = -1;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && (best < 0 || firstRows[c] < firstRows[best])) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The refusal of a cell that is text: what {@link #require} says of the first one, and what a reader that
     * stops at the first one says.
     */
    public static ShapeException notANumber(String column, String location, long row, String cell) {
        return ShapeException.invalidInput("feature column '" + column + "' of " + location + " has text at row "
                + row + " (rows count from 0): '" + cell + "' is not a number for pandas and scikit-learn;"
                + " write plain decimal numbers (1.5, -2e3, inf, nan), or leave the cell empty for a missing value");
    }

    private void nonFinite(int c, long row, double x) {
        if (x != x) {
            missing[c]++;
            firstMissing[c] = Math.min(firstMissing[c], row);
        } else {
            infinite[c]++;
            firstInfinite[c] = Math.min(firstInfinite[c], row);
        }
    }

    private static long[] filled(int width) {
        long[] a = new long[width];
        Arrays.fill(a, NONE);
        return a;
    }
}
