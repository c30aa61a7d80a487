package io.shape.domain.transform.steps;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;

/**
 * StandardScaler's second pass, the corrected two-pass variance of {@code _incremental_mean_and_var}:
 * Σ(x−T) and Σ(x−T)² with T the first pass's mean, then var = (Σ(x−T)² − (Σ(x−T))²/n) / n.
 */
final class Deviations implements Accumulator {
    private static final long serialVersionUID = 1L;

    private final StandardScalerStep step;
    private final double[] mean;
    private final long[] count;
    private final double[] correction;
    private final double[] squares;
    /** Both sums before the batch {@link #addRows} is adding, for the columns it must redo. */
    private transient double[] before;

    Deviations(StandardScalerStep step, double[] mean, long[] count) {
        this.step = step;
        this.mean = mean;
        this.count = count;
        this.correction = new double[mean.length];
        this.squares = new double[mean.length];
    }

    @Override
    public void add(long row, double[] values) {
        for (int j = 0; j < mean.length; j++) {
            double v = values[j];
            if (!Double.isNaN(v)) {
                double d = v - mean[j];
                correction[j] += d;
                squares[j] += d * d;
            }
        }
    }

    /** The batch without a NaN test per value, as {@link ColumnSums#addRows} does. */
    @Override
    public void addRows(long firstRow, double[] values, int rows, int width) {
        int w = ColumnSums.requireWidth(width, mean.length);
        if (before == null) {
            before = new double[2 * w];
        }
        System.arraycopy(correction, 0, before, 0, w);
        System.arraycopy(squares, 0, before, w, w);
        double[] m = mean;
        double[] c = correction;
        double[] q = squares;
        for (int r = 0, at = 0; r < rows; r++, at += w) {
            for (int j = 0; j < w; j++) {
                double d = values[at + j] - m[j];
                c[j] += d;
                q[j] += d * d;
            }
        }
        for (int j = 0; j < w; j++) {
            if (Double.isNaN(c[j]) || Double.isNaN(q[j])) {
                double sum = before[j];
                double sumSquares = before[w + j];
                for (int r = 0, at = j; r < rows; r++, at += w) {
                    double v = values[at];
                    if (!Double.isNaN(v)) {
                        double d = v - m[j];
                        sum += d;
                        sumSquares += d * d;
                    }
                }
                c[j] = sum;
                q[j] = sumSquares;
            }
        }
    }

    @Override
    public Accumulator emptyCopy() {
        return new Deviations(step, mean, count);
    }

    @Override
    public void merge(Accumulator later) {
        Deviations o = (Deviations) later;
        for (int j = 0; j < mean.length; j++) {
            correction[j] += o.correction[j];
            squares[j] += o.squares[j];
        }
    }

    @Override
    public FitProgress complete() {
        double[] var = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            double n = count[j];
            var[j] = (squares[j] - correction[j] * correction[j] / n) / n;
        }
        return new FitProgress.Fitted(step.fitted(mean, var, count));
    }
}
