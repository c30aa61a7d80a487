package io.shape.adapters.spark;

/**
 * Consecutive input rows, {@code firstRow} to {@code firstRow + rows - 1}, as a row-major array of
 * feature values: the unit the engine caches, fits and scores, so domain code runs on whole batches.
 */
record FeatureBlock(long firstRow, int rows, double[] values) implements java.io.Serializable {
    /** Rows per block: big enough to amortize per-batch work, small enough for the runners' buffers. */
    static final int MAX_ROWS = 4096;
}
