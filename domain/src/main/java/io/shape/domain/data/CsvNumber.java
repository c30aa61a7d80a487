package io.shape.domain.data;

import java.util.Set;

/**
 * One CSV cell of a feature column, read as the Python reference reads it. pandas' C parser makes a float
 * column of the cells it parses and leaves the whole column as text otherwise; scikit-learn's check_array then
 * converts that text with Python's {@code float()}. So a cell is missing when it is one of pandas' default NA
 * strings (matched exactly, spaces included), and a number exactly when {@code float()} takes it: surrounding
 * whitespace, a sign, decimal digits (any script's) with single underscores between them, an optional point and
 * exponent, or inf / infinity / nan in any case. Java's own spellings ({@code 1.5f}, {@code 1.5d}, hexadecimal)
 * are text for Python, so they are not numbers here either. An overflowing literal ({@code 1e999}) is infinite.
 */
public final class CsvNumber {
    /** pandas' default {@code na_values}; every one that {@code float()} also takes is a NaN spelling. */
    private static final Set<String> NA = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
            "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    private CsvNumber() {
    }

    /**
     * 1 or 0 when the cell is one of pandas' boolean spellings ({@code true} / {@code false} in any case, nothing
     * around them), else -1. pandas reads a column whose cells are all booleans or missing as booleans, which
     * scikit-learn takes as 1.0 and 0.0; a boolean cell in a column that also holds numbers or text leaves the
     * column as text, and {@code float('True')} fails ({@link ValueTally#bool}).
     */
    public static int bool(String cell) {
        if (cell.length() == 4 && cell.equalsIgnoreCase("true")) {
            return 1;
        }
        if (cell.length() == 5 && cell.equalsIgnoreCase("false")) {
            return 0;
        }
        return -1;
    }

    /** Whether pandas reads the cell of a text column as missing (NaN): one of its default {@code na_values}. */
    public static boolean isMissing(String cell) {
        return NA.contains(cell);
    }

    /**
     * The cell's value, NaN when it is missing.
     *
     * @throws NumberFormatException when the reference would read the cell as text it cannot convert
     */
    public static double parse(String cell) {
        int from = 0;
        int to = cell.length();
        boolean plain = true;
        for (int i = 0; i < to; i++) {
            char c = cell.charAt(i);
            if (c >= 0x80 || c == '_') {
                plain = false;
                break;
            }
        }
        if (!plain) {
            return parseRare(cell);
        }
        while (from < to && isAsciiSpace(cell.charAt(from))) {
            from++;
        }
        while (to > from && isAsciiSpace(cell.charAt(to - 1))) {
            to--;
        }
        if (!isDecimal(cell, from, to)) {
            return special(cell, cell.substring(from, to));
        }
        // Validated, so Java's parser (correctly rounded, as Python's) reads nothing but what Python would.
        return Double.parseDouble(from == 0 && to == cell.length() ? cell : cell.substring(from, to));
    }

    /** Cells with underscores or non-ASCII characters: rewritten to plain ASCII the way Python does first. */
    private static double parseRare(String cell) {
        StringBuilder ascii = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c < 0x80) {
                ascii.append(c);
            } else if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                ascii.append((char) ('0' + Character.digit(c, 10)));
            } else if (isSpace(c)) {
                ascii.append(' ');
            } else {
                return special(cell, null);
            }
        }
        String text = ascii.toString().strip();
        if (isDecimal(text, 0, text.length())) {
            return Double.parseDouble(text.replace("_", ""));
        }
        return special(cell, text);
    }

    /** inf, infinity, nan (with a sign, any case), pandas' NA strings, or not a number. */
    private static double special(String cell, String stripped) {
        if (stripped != null) {
            String word = stripped;
            boolean negative = false;
            if (!word.isEmpty() && (word.charAt(0) == '+' || word.charAt(0) == '-')) {
                negative = word.charAt(0) == '-';
                word = word.substring(1);
            }
            if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (word.equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
        }
        if (NA.contains(cell)) {
            return Double.NaN;
        }
        throw new NumberFormatException(cell);
    }

    /**
     * Python's decimal literal: [sign] digits [. [digits]] or [sign] . digits, then [e [sign] digits], where
     * digits may have single underscores between them.
     */
    private static boolean isDecimal(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intEnd = digits(s, i, to);
        if (intEnd < 0) {
            return false;
        }
        int digitsSeen = intEnd - i;
        i = intEnd;
        if (i < to && s.charAt(i) == '.') {
            int fracEnd = digits(s, i + 1, to);
            if (fracEnd < 0) {
                return false;
            }
            digitsSeen += fracEnd - (i + 1);
            i = fracEnd;
        }
        if (digitsSeen == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expEnd = digits(s, i, to);
            if (expEnd <= i) {
                return false;
            }
            i = expEnd;
        }
        return i == to;
    }

    /** The end of a run of digits with single underscores between them from {@code i}; -1 when malformed. */
    private static int digits(CharSequence s, int i, int to) {
        int start = i;
        while (i < to) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                i++;
            } else if (c == '_' && i > start && i + 1 < to && isDigit(s.charAt(i + 1)) && isDigit(s.charAt(i - 1))) {
                i++;
            } else if (c == '_') {
                return -1;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Python's str.isspace() for ASCII: space, \t \n \v \f \r and the separators \x1c to \x1f. */
    private static boolean isAsciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }

    /** Python's str.isspace() beyond ASCII: the Unicode space separators (no-break ones included) and U+0085. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
