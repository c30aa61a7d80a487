package io.shape.adapters.spark;

import org.apache.spark.util.AccumulatorV2;

/**
 * Rows per label index, summed over tasks by Spark. Updated only in the write job's result stage, where
 * Spark applies each partition's updates once even when tasks are retried or speculated.
 */
final class LabelCounts extends AccumulatorV2<long[], long[]> {
    private static final long serialVersionUID = 1L;
    private final long[] counts;

    LabelCounts(int labels) {
        this.counts = new long[labels];
    }

    @Override
    public boolean isZero() {
        for (long c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public LabelCounts copy() {
        LabelCounts copy = new LabelCounts(counts.length);
        System.arraycopy(counts, 0, copy.counts, 0, counts.length);
        return copy;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(counts, 0);
    }

    @Override
    public void add(long[] more) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += more[i];
        }
    }

    @Override
    public void merge(AccumulatorV2<long[], long[]> other) {
        add(other.value());
    }

    @Override
    public long[] value() {
        return counts.clone();
    }
}
