package io.shape.domain.transform.steps;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.StatefulStep;

import java.util.Arrays;

/** One pass of per-column {@code np.nanmin} / {@code np.nanmax} (NaN when a column has no value) and the row count. */
final class ColumnRanges implements Accumulator {
    private static final long serialVersionUID = 1L;

    /** A step fitted on column ranges alone: its fit starts with them, and it says what it makes of them. */
    interface Fit extends StatefulStep {
        @Override
        default Accumulator startFit(int inputWidth) {
            return new ColumnRanges(this, inputWidth);
        }

        FittedTransform fit(double[] min, double[] max, long rows);
    }

    private final Fit fit;
    private final double[] min;
    private final double[] max;
    private long rows;

    ColumnRanges(Fit fit, int width) {
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
        return new FitProgress.Fitted(fit.fit(min.clone(), max.clone(), rows));
    }
}
