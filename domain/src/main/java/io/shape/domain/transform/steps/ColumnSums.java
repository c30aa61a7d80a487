package io.shape.domain.transform.steps;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;


/**
 * Per column the sum of the non-NaN values, added row after row as numpy's axis-0 reduction over a C-ordered
 * matrix does, and their count: for the column means of StandardScaler's first pass and SimpleImputer's
 * mean strategy.
 */
final class ColumnSums implements Accumulator {
    private static final long serialVersionUID = 1L;

    /** What the pass gathered: per column the sum and count of the non-NaN values, and the rows seen. */
    record Totals(double[] sum, long[] count, long rows) {
    }

    private final ColumnFit<Totals> step;
    private final double[] sum;
    private final long[] count;
    private long rows;
    /** The sums before the batch {@link #addRows} is adding, for the columns it must redo. */
    private transient double[] before;

    ColumnSums(ColumnFit<Totals> step, int width) {
        this.step = step;
        this.sum = new double[width];
        this.count = new long[width];
    }

    @Override
    public void add(long row, double[] values) {
        rows++;
        for (int j = 0; j < sum.length; j++) {
            double v = values[j];
            if (!Double.isNaN(v)) {
                sum[j] += v;
                count[j]++;
            }
        }
    }

    /**
     * The batch without a NaN test per value: adding NaN turns a sum into NaN, so a column whose sum is not
     * NaN afterwards held none and got exactly {@link #add}'s additions; the others are redone value by value.
     */
    @Override
    public void addRows(long firstRow, double[] values, int rows, int width) {
        int w = requireWidth(width, sum.length);
        if (before == null) {
            before = new double[w];
        }
        System.arraycopy(sum, 0, before, 0, w);
        this.rows += rows;
        double[] s = sum;
        for (int r = 0, at = 0; r < rows; r++, at += w) {
            for (int j = 0; j < w; j++) {
                s[j] += values[at + j];
            }
        }
        for (int j = 0; j < w; j++) {
            if (!Double.isNaN(s[j])) {
                count[j] += rows;
                continue;
            }
            double total = before[j];
            long seen = 0;
            for (int r = 0, at = j; r < rows; r++, at += w) {
                double v = values[at];
                if (!Double.isNaN(v)) {
                    total += v;
                    seen++;
                }
            }
            s[j] = total;
            count[j] += seen;
        }
    }

    /** {@code width}, when it is the {@code columns} a pass sums. */
    static int requireWidth(int width, int columns) {
        if (width != columns) {
            throw new IllegalArgumentException(width + " values per row, this pass sums " + columns);
        }
        return width;
    }

    @Override
    public Accumulator emptyCopy() {
        return new ColumnSums(step, sum.length);
    }

    @Override
    public void merge(Accumulator later) {
        ColumnSums o = (ColumnSums) later;
        rows += o.rows;
        for (int j = 0; j < sum.length; j++) {
            sum[j] += o.sum[j];
            count[j] += o.count[j];
        }
    }

    @Override
    public FitProgress complete() {
        if (rows == 0) {
            throw io.shape.domain.ShapeException.invalidInput("no rows to fit on");
        }
        return step.fit(new Totals(sum.clone(), count.clone(), rows));
    }

    /** {@code _incremental_mean_and_var} on one batch: (0 + new_sum) / count. */
    static double[] means(double[] sum, long[] count) {
        double[] mean = new double[sum.length];
        for (int j = 0; j < sum.length; j++) {
            mean[j] = sum[j] / count[j];
        }
        return mean;
    }
}
