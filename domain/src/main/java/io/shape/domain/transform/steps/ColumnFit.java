package io.shape.domain.transform.steps;

import io.shape.domain.transform.FitProgress;

/**
 * What a step makes of the column statistics one pass gathered. The column accumulators —
 * {@link ColumnSums} (sums and counts: StandardScaler's first pass, SimpleImputer's mean), {@link ColumnRanges}
 * (minima and maxima: MinMaxScaler, MaxAbsScaler) and {@link ColumnValues} (every value, sorted: RobustScaler,
 * SimpleImputer's median and mode) — each hand theirs over as one value when the pass completes, so a step
 * can use several of them with the same shape of callback. Serializable: Spark ships an accumulator with
 * the step that completes it.
 */
@FunctionalInterface
interface ColumnFit<T> extends java.io.Serializable {
    FitProgress fit(T gathered);
}
