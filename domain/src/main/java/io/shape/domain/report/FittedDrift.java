package io.shape.domain.report;

import io.shape.domain.transform.FittedState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compares the fitted state of two runs of the same pipeline: per step present in both (same name and class),
 * every numeric attribute of the same shape — e.g. StandardScaler {@code mean_} per column in units of the
 * newer {@code scale_}, QuantileTransformer {@code quantiles_} per column at the 0, 25, 50, 75 and 100 %
 * references in units of the column's newer interquartile range.
 */
public final class FittedDrift {
    private static final double[] LEVELS = {0.0, 0.25, 0.5, 0.75, 1.0};

    private FittedDrift() {
    }

    /** Every shift, largest relative shift first. */
    public static List<StatisticShift> between(List<FittedState> before, List<FittedState> after) {
        List<StatisticShift> shifts = new ArrayList<>();
        for (FittedState now : after) {
            for (FittedState then : before) {
                if (then.step().equals(now.step()) && then.sklearnClass().equals(now.sklearnClass())) {
                    compare(then, now, shifts);
                }
            }
        }
        shifts.sort(Comparator.comparingDouble((StatisticShift s) -> Math.abs(s.relative())).reversed());
        return shifts;
    }

    private static void compare(FittedState then, FittedState now, List<StatisticShift> into) {
        double[] scale = now.attributes().get("scale_") instanceof double[] s ? s : null;
        for (Map.Entry<String, Object> a : now.attributes().entrySet()) {
            Object old = then.attributes().get(a.getKey());
            String name = a.getKey();
            if (a.getValue() instanceof double[] v && old instanceof double[] o && o.length == v.length) {
                boolean scaled = scale != null && scale.length == v.length && !name.equals("scale_")
                        && !name.equals("var_");
                for (int i = 0; i < v.length; i++) {
                    into.add(new StatisticShift(now.step(), name + "[" + i + "]", o[i], v[i],
                            scaled ? scale[i] : 0));
                }
            } else if (a.getValue() instanceof double[][] v && old instanceof double[][] o && v.length > 0
                    && o.length > 0 && v[0].length == o[0].length && rectangular(v) && rectangular(o)) {
                compareColumns(now.step(), name, o, v, into);
            } else if (a.getValue() instanceof Double v && old instanceof Double o) {
                into.add(new StatisticShift(now.step(), name, o, v, 0));
            }
        }
    }

    /** Quantile-like matrices (one row per reference, one column per feature), compared at a few levels. */
    private static void compareColumns(String step, String name, double[][] before, double[][] after,
                                       List<StatisticShift> into) {
        for (int c = 0; c < after[0].length; c++) {
            double iqr = at(after, 0.75, c) - at(after, 0.25, c);
            for (double level : LEVELS) {
                into.add(new StatisticShift(step, String.format(java.util.Locale.ROOT, "%s[q=%.2f][%d]", name,
                        level, c), at(before, level, c), at(after, level, c), Math.max(iqr, 0)));
            }
        }
    }

    /**
     * Whether every row has the first one's length: a quantile-like matrix. An encoder's {@code categories_} and
     * {@code grouping} have one row per column, of its own length; they are not compared (a category is not a
     * statistic that shifts).
     */
    private static boolean rectangular(double[][] rows) {
        return java.util.Arrays.stream(rows).allMatch(r -> r.length == rows[0].length);
    }

    private static double at(double[][] rows, double level, int column) {
        return rows[(int) Math.round(level * (rows.length - 1))][column];
    }
}
