package io.shape.domain.transform.steps;

import io.shape.domain.transform.FittedState;
import io.shape.domain.transform.FittedTransform;

import java.util.Map;

/** The fitted SimpleImputer: NaN → the column's statistic; columns whose statistic is NaN are dropped. */
final class ImputeTransform implements FittedTransform {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final int inputWidth;
    private final int[] kept;
    private final double[] fill;
    private final Map<String, Object> attributes;

    ImputeTransform(String step, double[] statistics, boolean dropEmpty, Map<String, Object> attributes) {
        this.step = step;
        this.inputWidth = statistics.length;
        this.attributes = attributes;
        int n = 0;
        for (double s : statistics) {
            if (!dropEmpty || !Double.isNaN(s)) {
                n++;
            }
        }
        kept = new int[n];
        fill = new double[n];
        int k = 0;
        for (int j = 0; j < statistics.length; j++) {
            if (!dropEmpty || !Double.isNaN(statistics[j])) {
                kept[k] = j;
                fill[k++] = statistics[j];
            }
        }
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int outputWidth() {
        return kept.length;
    }

    @Override
    public void apply(double[] in, int inOffset, double[] out, int outOffset) {
        for (int k = 0; k < kept.length; k++) {
            double v = in[inOffset + kept[k]];
            out[outOffset + k] = Double.isNaN(v) ? fill[k] : v;
        }
    }

    /** NaN comes out only of a kept column whose statistic is NaN (keep_empty_features). */
    @Override
    public boolean[] missingAfter(boolean[] in) {
        boolean[] out = new boolean[kept.length];
        for (int k = 0; k < kept.length; k++) {
            out[k] = in[kept[k]] && Double.isNaN(fill[k]);
        }
        return out;
    }

    @Override
    public FittedState state() {
        return new FittedState(step, SimpleImputerStep.CLASS, inputWidth, kept.length, attributes);
    }
}
