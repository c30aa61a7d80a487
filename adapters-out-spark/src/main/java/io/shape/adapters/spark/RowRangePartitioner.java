package io.shape.adapters.spark;

import org.apache.spark.Partitioner;

/**
 * Sends row positions {@code 0..totalRows-1} to partitions in contiguous, equal ranges, so partition
 * order is row order: fitting merges partitions in input order and part files come out in row order.
 * Knowing the row count up front spares the sampling job of a range sort.
 */
final class RowRangePartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int partitions;
    private final long rowsPerPartition;

    RowRangePartitioner(long totalRows, int partitions) {
        if (totalRows <= 0 || partitions <= 0) {
            throw new IllegalArgumentException("need rows and partitions, got " + totalRows + " and " + partitions);
        }
        this.partitions = (int) Math.min(partitions, totalRows);
        this.rowsPerPartition = (totalRows + this.partitions - 1) / this.partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return (int) ((Long) key / rowsPerPartition);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowRangePartitioner p && p.partitions == partitions
                && p.rowsPerPartition == rowsPerPartition;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rowsPerPartition) * 31 + partitions;
    }
}
