package io.shape.adapters.spark;

import io.shape.domain.transform.Accumulator;

/** What one partition's fitting pass gives: its accumulator, its first row and how many rows it saw. */
record PartitionAccumulator(long firstRow, long rows, Accumulator accumulator) implements java.io.Serializable {
    /**
     * Both partitions' rows in one accumulator, for accumulators that merge in any order ({@link
     * Accumulator#mergesInAnyOrder}); folds {@code b} into {@code a}'s accumulator, as Spark's fold and
     * aggregate allow: every value reaching it is a fresh copy (a task's result, read back from a shuffle or
     * deserialized by the driver).
     */
    static PartitionAccumulator merged(PartitionAccumulator a, PartitionAccumulator b) {
        if (b.rows == 0) {
            return a;
        }
        if (a.rows == 0) {
            return b;
        }
        a.accumulator.merge(b.accumulator);
        return new PartitionAccumulator(Math.min(a.firstRow, b.firstRow), a.rows + b.rows, a.accumulator);
    }
}
