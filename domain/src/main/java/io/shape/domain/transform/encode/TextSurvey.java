package io.shape.domain.transform.encode;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.CsvNumber;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The distinct texts of the table's text columns that an encoder fitted on the run reads, gathered in a pass
 * before its fit. A row is doubles, so a text must have its code before the fit counts it; the codes are the
 * texts' places in the order scikit-learn's {@code _unique} gives {@code categories_} — the texts sorted as Python
 * sorts {@code str} (by code point), then None, then NaN — so the fit's categories are the survey's texts and
 * the rows read for the fit are read again, unchanged, for scoring. Both engines feed it the cells their readers
 * see (a reader records through {@link #recorder}), in partitions merged in any order.
 */
public final class TextSurvey implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final String sklearnClass;
    private final List<String> features;
    private final long perColumn;
    private final HashSet<String>[] texts;
    private final boolean[] none;
    private final boolean[] nan;

    /** @param perColumn the most distinct texts a column may hold (the encoder's own bound) */
    @SuppressWarnings("unchecked")
    public TextSurvey(String step, String sklearnClass, List<String> features, long perColumn) {
        this.step = step;
        this.sklearnClass = sklearnClass;
        this.features = List.copyOf(features);
        this.perColumn = perColumn;
        this.texts = new HashSet[features.size()];
        for (int c = 0; c < texts.length; c++) {
            texts[c] = new HashSet<>();
        }
        this.none = new boolean[texts.length];
        this.nan = new boolean[texts.length];
    }

    /** A survey of the same columns that has seen nothing (one per partition or reader). */
    public TextSurvey emptyCopy() {
        return new TextSurvey(step, sklearnClass, features, perColumn);
    }

    public int width() {
        return texts.length;
    }

    /** A present cell of {@code column}. */
    public void text(int column, String text) {
        if (texts[column].add(text) && texts[column].size() > perColumn) {
            throw ShapeException.invalidInput(String.format(Locale.ROOT, "step '%s' (%s): input column '%s' holds "
                    + "more than %,d distinct texts, too many to be categories; leave it out of the encoder",
                    step, sklearnClass, features.get(column), perColumn));
        }
    }

    /** A null cell of {@code column}: None, or NaN ({@link CategoryCodes#nullOf}). */
    public void missing(int column, boolean isNone) {
        if (isNone) {
            none[column] = true;
        } else {
            nan[column] = true;
        }
    }

    /** Codes a reader of {@code column} records through: they record each cell and code nothing. */
    public CategoryCodes recorder(int column) {
        return new Recorder(this, column);
    }

    /** Adds another partition's survey of the same columns. */
    public void add(TextSurvey other) {
        for (int c = 0; c < texts.length; c++) {
            for (String t : other.texts[c]) {
                text(c, t);
            }
            none[c] |= other.none[c];
            nan[c] |= other.nan[c];
        }
    }

    /**
     * The codes the table's columns are read with: per surveyed text column its texts in scikit-learn's order.
     * A CSV column holds text in the file whatever it is; pandas reads one whose cells are all numbers (or all
     * booleans) and missing cells as numbers, so such a column gets no codes and is read as numbers.
     *
     * @param text per column, whether it was surveyed as text
     * @param csv  whether the table is CSV
     * @return per column its codes, null where the column is read as numbers
     */
    public CategoryCodes[] codes(boolean[] text, boolean csv) {
        CategoryCodes[] codes = new CategoryCodes[texts.length];
        for (int c = 0; c < codes.length; c++) {
            if (!text[c] || csv && readAsNumbers(texts[c])) {
                continue;
            }
            List<String> sorted = new ArrayList<>(texts[c]);
            sorted.sort(TextSurvey::byCodePoint);
            codes[c] = new CategoryCodes(sorted, none[c], nan[c], Optional.empty());
        }
        return codes;
    }

    /** pandas' verdict on a CSV column: numbers when every present cell is a number, or every one a boolean. */
    private static boolean readAsNumbers(java.util.Set<String> cells) {
        boolean numbers = true;
        boolean booleans = true;
        for (String cell : cells) {
            booleans &= CsvNumber.bool(cell) >= 0;
            numbers &= isNumber(cell);
        }
        return numbers || booleans;
    }

    private static boolean isNumber(String cell) {
        try {
            CsvNumber.parse(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Python's {@code str} order: by code point, which UTF-16's order is not past U+FFFF. */
    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The codes of a survey's reader: every cell recorded, none coded (the survey's rows are not used). */
    private static final class Recorder extends CategoryCodes {
        private static final long serialVersionUID = 1L;
        private final TextSurvey survey;
        private final int column;

        Recorder(TextSurvey survey, int column) {
            super(List.of(), false, false, Optional.empty());
            this.survey = survey;
            this.column = column;
        }

        @Override
        public double code(String text, String columnName, String location, long row) {
            survey.text(column, text);
            return 0;
        }

        @Override
        public double missing(boolean isNone, String columnName, String location, long row) {
            survey.missing(column, isNone);
            return isNone ? NONE : Double.NaN;
        }
    }
}
