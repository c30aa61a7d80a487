package io.shape.adapters.spark;

import io.shape.domain.data.ValueTally;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Consecutive input rows, {@code firstRow} to {@code firstRow + rows - 1}, as a row-major array of
 * feature values: the unit the engine caches, fits and scores, so domain code runs on whole batches.
 *
 * @param text   the CSV cells found to be text while the scan made this block (their values are NaN), for the
 *               survey to report; null when there were none, as for every block of a valid table
 * @param inputs the DataFrame rows the values were read from, when a stage's transform returns them with their
 *               outputs; null for blocks read from files or kept for a fit
 */
record FeatureBlock(long firstRow, int rows, double[] values, ValueTally text, List<Row> inputs)
        implements java.io.Serializable {
    /** Rows per block: big enough to amortize per-batch work, small enough for the runners' buffers. */
    static final int MAX_ROWS = 4096;

    FeatureBlock(long firstRow, int rows, double[] values) {
        this(firstRow, rows, values, null, null);
    }

    FeatureBlock(long firstRow, int rows, double[] values, ValueTally text) {
        this(firstRow, rows, values, text, null);
    }
}
