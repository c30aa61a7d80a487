package io.shape.domain.transform.encode;

import io.shape.domain.ShapeException;
import io.shape.domain.data.CategoryCodes;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one fitting pass of an encoder fitted from a spec: each column's distinct values and how often each occurs,
 * which is all scikit-learn's {@code _unique(X, return_counts=True)} gives its {@code categories_} and infrequent
 * grouping. Counts are integers, so partitions merge to the same result in any order. A column with more distinct
 * values than {@code perColumn} is refused: it is a measurement, not a category (and one-hot columns of a
 * continuous feature would outgrow memory long before the end of the table).
 */
public final class CategoryTally implements Accumulator {
    private static final long serialVersionUID = 1L;

    /**
     * What the pass saw: per column the distinct values sorted as numpy sorts them (NaN last) and their counts.
     * A text column's values are the codes of its survey ({@code texts}), which name its categories.
     *
     * @param texts   per column, the codes a text column was read with; null for a column of numbers
     * @param columns the columns as messages name them ({@code 'color'}, or {@code #0} after another step)
     */
    public record Counts(double[][] values, long[][] counts, long rows, CategoryCodes[] texts, List<String> columns) {}

    /** The encoder's fit from the counts; serializable, as the tally travels to a Spark executor and back. */
    @FunctionalInterface
    public interface Fit extends java.io.Serializable {
        FitProgress from(Counts counts);
    }

    private final String step;
    private final String sklearnClass;
    private final long perColumn;
    private final long total;
    private final Fit fit;
    private final List<String> columns;
    private final CategoryCodes[] texts;
    private final ValueCounts[] seen;
    private long rows;

    /**
     * @param columns   the input columns as messages name them ({@code 'color'}, or {@code #0} after another step)
     * @param perColumn the most distinct values a column may hold
     * @param total     the most distinct values all columns together may hold (a one-hot encoder's width)
     * @param fit       the encoder's fit from the counts (a serializable method reference)
     * @param texts     per column, the codes its text cells are read with (the table's plan); null for numbers
     */
    public CategoryTally(String step, String sklearnClass, List<String> columns, long perColumn, long total,
            Fit fit, CategoryCodes[] texts) {
        int width = columns.size();
        if (texts.length != width) {
            throw new IllegalArgumentException(texts.length + " text columns for " + width);
        }
        this.columns = List.copyOf(columns);
        this.texts = texts.clone();
        this.step = step;
        this.sklearnClass = sklearnClass;
        this.perColumn = perColumn;
        this.total = total;
        this.fit = fit;
        this.seen = new ValueCounts[width];
        for (int c = 0; c < width; c++) {
            seen[c] = new ValueCounts();
        }
    }

    @Override
    public void add(long row, double[] values) {
        rows++;
        for (int c = 0; c < seen.length; c++) {
            count(c, values[c], 1);
        }
    }

    @Override
    public void addRows(long firstRow, double[] values, int rows, int width) {
        this.rows += rows;
        for (int r = 0, at = 0; r < rows; r++) {
            for (int c = 0; c < width; c++, at++) {
                count(c, values[at], 1);
            }
        }
    }

    /** numpy finds -0.0 equal to 0.0 and every NaN equal to every other when it counts them; so does ValueCounts. */
    private void count(int column, double v, long n) {
        if (!seen[column].add(v, n, perColumn)) {
            throw ShapeException.invalidInput(String.format(Locale.ROOT, "step '%s' (%s): input column %s holds "
                    + "more than %,d distinct values, too many to be categories; bin it first (KBinsDiscretizer) "
                    + "or leave it out of the encoder", step, sklearnClass, columns.get(column), perColumn));
        }
    }

    @Override
    public Accumulator emptyCopy() {
        return new CategoryTally(step, sklearnClass, columns, perColumn, total, fit, texts);
    }

    @Override
    public void merge(Accumulator later) {
        CategoryTally other = (CategoryTally) later;
        rows += other.rows;
        for (int c = 0; c < seen.length; c++) {
            int column = c;
            other.seen[c].forEach((v, n) -> count(column, v, n));
        }
    }

    /** Integer counts per value: any order and grouping of partitions gives the same counts, bounded in size. */
    @Override
    public boolean mergesInAnyOrder() {
        return true;
    }

    @Override
    public FitProgress complete() {
        long distinct = Arrays.stream(seen).mapToLong(ValueCounts::size).sum();
        if (distinct > total) {
            throw ShapeException.invalidInput(String.format(Locale.ROOT, "step '%s' (%s): its %d input columns hold "
                    + "%,d distinct values together, more than the %,d output columns shape allows; bin the "
                    + "continuous ones first (KBinsDiscretizer) or leave them out", step, sklearnClass, seen.length,
                    distinct, total));
        }
        double[][] values = new double[seen.length][];
        long[][] counts = new long[seen.length][];
        for (int c = 0; c < seen.length; c++) {
            ValueCounts.Counted counted = seen[c].sorted();
            values[c] = counted.values();
            counts[c] = counted.counts();
        }
        return fit.from(new Counts(values, counts, rows, texts.clone(), columns));
    }
}
