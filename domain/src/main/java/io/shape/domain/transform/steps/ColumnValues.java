package io.shape.domain.transform.steps;

import io.shape.domain.ShapeException;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;

import java.util.Arrays;

/**
 * Every non-NaN value of every column, for the statistics numpy computes on whole columns (median,
 * percentiles, mode). Memory: 8 bytes per value plus up to 2× while growing; refused beyond
 * {@link #VALUE_CAP} values (512 MB) with a message naming the step.
 */
final class ColumnValues implements Accumulator {
    private static final long serialVersionUID = 1L;
    static final long VALUE_CAP = 64L * 1024 * 1024;

    /** What the pass gathered: {@code sorted[j][0 .. counts[j])} holds column j's non-NaN values, ascending. */
    record Sorted(double[][] sorted, int[] counts, long rows) {
    }

    private final ColumnFit<Sorted> fit;
    /** {@code step 'name' (Class)}, for the messages. */
    private final String step;
    private final double[][] values;
    private final int[] counts;
    private long total;
    private long rows;

    ColumnValues(ColumnFit<Sorted> fit, String stepName, String sklearnClass, int width) {
        this.fit = fit;
        this.step = "step '" + stepName + "' (" + sklearnClass + ")";
        this.values = new double[width][16];
        this.counts = new int[width];
    }

    private ColumnValues(ColumnFit<Sorted> fit, String step, int width) {
        this.fit = fit;
        this.step = step;
        this.values = new double[width][16];
        this.counts = new int[width];
    }

    @Override
    public void add(long row, double[] v) {
        rows++;
        for (int j = 0; j < counts.length; j++) {
            if (!Double.isNaN(v[j])) {
                append(j, v[j]);
            }
        }
    }

    private void append(int j, double v) {
        if (++total > VALUE_CAP) {
            throw ShapeException.invalidInput(step + " keeps every "
                    + "value of its columns in memory to compute exact medians/percentiles and the input exceeds "
                    + VALUE_CAP + " values; fit on fewer rows or use a step that needs no whole-column statistic");
        }
        if (counts[j] == values[j].length) {
            values[j] = Arrays.copyOf(values[j], (int) Math.min(Integer.MAX_VALUE - 8, 2L * counts[j]));
        }
        values[j][counts[j]++] = v;
    }

    @Override
    public Accumulator emptyCopy() {
        return new ColumnValues(fit, step, counts.length);
    }

    @Override
    public void merge(Accumulator later) {
        ColumnValues o = (ColumnValues) later;
        rows += o.rows;
        for (int j = 0; j < counts.length; j++) {
            for (int i = 0; i < o.counts[j]; i++) {
                append(j, o.values[j][i]);
            }
        }
    }

    @Override
    public FitProgress complete() {
        if (rows == 0) {
            throw ShapeException.invalidInput(step + ": no rows to fit on");
        }
        for (int j = 0; j < counts.length; j++) {
            Arrays.sort(values[j], 0, counts[j]);
        }
        return fit.fit(new Sorted(values, counts.clone(), rows));
    }

    /** {@code np.median} of sorted values: the middle one, or the mean of the two middle ones; NaN if none. */
    static double median(double[] sorted, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        int h = n / 2;
        return n % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2.0;
    }

    /** scikit-learn's {@code _most_frequent}: the most frequent value, the smallest among ties; NaN if none. */
    static double mostFrequent(double[] sorted, int n) {
        double best = Double.NaN;
        int bestCount = 0;
        int i = 0;
        while (i < n) {
            int k = i;
            while (k < n && sorted[k] == sorted[i]) {
                k++;
            }
            if (k - i > bestCount) {
                bestCount = k - i;
                best = sorted[i];
            }
            i = k;
        }
        return best;
    }
}
