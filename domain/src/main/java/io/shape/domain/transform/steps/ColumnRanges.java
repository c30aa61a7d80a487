package io.shape.domain.transform.steps;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;

import java.util.Arrays;

/**
 * One pass of per-column {@code np.nanmin} / {@code np.nanmax} (NaN when a column has no value) and the row
 * count: MinMaxScaler's and MaxAbsScaler's fit.
 */
final class ColumnRanges implements Accumulator {
    private static final long serialVersionUID = 1L;

    /** What the pass gathered: per column the least and greatest value (NaN if none), and the rows seen. */
    record Extremes(double[] min, double[] max, long rows) {
    }

    private final ColumnFit<Extremes> fit;
    private final double[] min;
    private final double[] max;
    private long rows;

    ColumnRanges(ColumnFit<Extremes> fit, int width) {
        this.fit = fit;
        this.min = new double[width];
        this.max = new double[width];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
    }

    @Override
    public void add(long row, double[] values) {
        rows++;
        for (int j = 0; j < min.length; j++) {
            include(j, values[j], values[j]);
        }
    }

    private void include(int j, double lo, double hi) {
        if (!Double.isNaN(lo) && !(lo >= min[j])) {
            min[j] = lo;
        }
        if (!Double.isNaN(hi) && !(hi <= max[j])) {
            max[j] = hi;
        }
    }

    @Override
    public Accumulator emptyCopy() {
        return new ColumnRanges(fit, min.length);
    }

    @Override
    public void merge(Accumulator later) {
        ColumnRanges o = (ColumnRanges) later;
        rows += o.rows;
        for (int j = 0; j < min.length; j++) {
            include(j, o.min[j], o.max[j]);
        }
    }

    @Override
    public FitProgress complete() {
        if (rows == 0) {
            throw io.shape.domain.ShapeException.invalidInput("no rows to fit on");
        }
        return fit.fit(new Extremes(min.clone(), max.clone(), rows));
    }
}
