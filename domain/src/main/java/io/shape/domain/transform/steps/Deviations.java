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
        return new FitProgress.Fitted(ColumnSums.fitted(step, mean, var, count));
    }
}
