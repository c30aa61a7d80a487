package io.shape.domain.transform;

/**
 * What a stateful step keeps while it sees the rows of one fitting pass: bounded memory whatever the row
 * count, mergeable so that partitions can be fitted in parallel.
 *
 * <p>Results are bit-identical to scikit-learn when rows are added in input order to one accumulator;
 * merging partitions in input order differs from that only by floating-point rounding (about 1e-16
 * relative). Not thread-safe: one accumulator per partition or thread.
 */
public interface Accumulator extends java.io.Serializable {
    /**
     * Adds one row.
     *
     * @param row    0-based position of the row in the whole input (across files, in path order); used to
     *               pick the same sample whatever the engine or partitioning
     * @param values the step's input row; only read during the call
     */
    void add(long row, double[] values);

    /**
     * Adds {@code rows} consecutive rows, the first at position {@code firstRow}, held row-major in
     * {@code values} ({@code width} values per row): the same as {@link #add} on each in turn, which is what
     * this default does. Accumulators that can sum a whole batch faster override it.
     */
    default void addRows(long firstRow, double[] values, int rows, int width) {
        double[] row = new double[width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * width, row, 0, width);
            add(firstRow + r, row);
        }
    }

    /**
     * The rows this pass's result depends on, when that follows from their positions and the input's row
     * count alone (a sample chosen by position); null when every row counts. An engine may then transform
     * and {@link #add} only the rows it accepts, and must report how many it left out with
     * {@link #addSkipped}: the result is the same as with every row.
     *
     * @param totalRows the input's row count, known before the pass
     */
    default java.util.function.LongPredicate rowsUsed(long totalRows) {
        return null;
    }

    /** Counts {@code rows} rows that {@link #rowsUsed} left out. Only after {@link #rowsUsed} gave a filter. */
    default void addSkipped(long rows) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs every row");
    }

    /** A new empty accumulator of the same pass, for another partition. */
    Accumulator emptyCopy();

    /**
     * Folds in a partition's accumulator; {@code later} holds rows that come after this one's (unless
     * {@link #mergesInAnyOrder}, when any two accumulators of the pass may be merged).
     */
    void merge(Accumulator later);

    /**
     * Whether {@link #merge} gives the same result to the bit whatever the order and grouping of the merged
     * partitions, and its size has a bound fixed before the pass (a sample): an engine with many
     * partitions may then merge them in a tree, near the data, instead of sending every partition's
     * accumulator to one place. False unless a step says so: sums differ in the last bits when grouped
     * differently, so they are merged in row order.
     */
    default boolean mergesInAnyOrder() {
        return false;
    }

    /** Ends the pass: the fitted transform, or the accumulator of the next pass. */
    FitProgress complete();
}
