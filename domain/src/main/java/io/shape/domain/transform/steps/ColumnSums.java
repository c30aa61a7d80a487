package io.shape.domain.transform.steps;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per column the sum of the non-NaN values, added row after row as numpy's axis-0 reduction over a C-ordered
 * matrix does, and their count: StandardScaler's first pass (the mean) and SimpleImputer's mean strategy.
 */
final class ColumnSums implements Accumulator {
    private static final long serialVersionUID = 1L;

    /** What a step makes of the sums. */
    interface Fit extends java.io.Serializable {
        FitProgress fit(double[] sum, long[] count, long rows);
    }

    private final Fit step;
    private final double[] sum;
    private final long[] count;
    private long rows;
    /** The sums before the batch {@link #addRows} is adding, for the columns it must redo. */
    private transient double[] before;

    ColumnSums(Fit step, int width) {
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
        return step.fit(sum.clone(), count.clone(), rows);
    }

    /** {@code _incremental_mean_and_var} on one batch: (0 + new_sum) / count. */
    static double[] means(double[] sum, long[] count) {
        double[] mean = new double[sum.length];
        for (int j = 0; j < sum.length; j++) {
            mean[j] = sum[j] / count[j];
        }
        return mean;
    }

    /** The fitted scaler from the moments, with scikit-learn's attributes. */
    static CenterScaleTransform fitted(StandardScalerStep step, double[] mean, double[] var, long[] count) {
        int w = mean.length;
        Map<String, Object> attributes = new LinkedHashMap<>();
        boolean sameCount = Arrays.stream(count).distinct().count() <= 1;
        Object seen = sameCount ? (Object) (w == 0 ? 0L : count[0])
                : Arrays.stream(count).asDoubleStream().toArray();
        double[] scale = null;
        if (var != null) {
            scale = new double[w];
            double eps = Math.ulp(1.0);
            for (int j = 0; j < w; j++) {
                // _is_constant_feature: var <= n*eps*var + (n*mean*eps)^2, on the unrounded variance
                double n = count[j];
                double bound = n * eps * var[j] + (n * mean[j] * eps) * (n * mean[j] * eps);
                scale[j] = var[j] <= bound ? 1.0 : Math.sqrt(var[j]);
            }
        }
        boolean anyMoments = step.withMean() || step.withStd();
        attributes.put("mean_", anyMoments ? mean : null);
        attributes.put("var_", var);
        attributes.put("scale_", scale);
        attributes.put("n_samples_seen_", seen);
        attributes.put("n_features_in_", (long) w);
        return new CenterScaleTransform(step.name(), StandardScalerStep.CLASS, w, step.withMean() ? mean : null,
                scale, withoutNulls(attributes));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }
}
