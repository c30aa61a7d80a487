package io.shape.adapters.spark;

import io.shape.domain.data.ValueTally;

import org.apache.spark.api.java.function.Function2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one scan partition holds, learnt by the job that fills the cache: its runs of rows, and what its
 * values hold for the domain's check ({@link ValueTally}). A run is a sequence of blocks the partition yields one after the
 * other whose rows follow each other, every block full but the last ({@link ScanBlocks} fills blocks so),
 * which is all the driver needs to know where each block is: a survey costs a few numbers per file or split
 * read by the partition, not per block.
 *
 * @param runFirstRows position of each run's first row, in the order the partition yields the runs
 * @param runRows      rows in each run
 */
record ScanSurvey(int partition, long[] runFirstRows, long[] runRows, ValueTally values)
        implements java.io.Serializable {

    /** Blocks in a run of {@code rows} rows. */
    static int blocks(long rows) {
        return Math.toIntExact((rows + FeatureBlock.MAX_ROWS - 1) / FeatureBlock.MAX_ROWS);
    }

    /** Surveys each partition of the scan's blocks. */
    static final class Surveyor implements Function2<Integer, Iterator<FeatureBlock>, Iterator<ScanSurvey>> {
        private static final long serialVersionUID = 1L;
        private final int width;

        Surveyor(int width) {
            this.width = width;
        }

        @Override
        public Iterator<ScanSurvey> call(Integer partition, Iterator<FeatureBlock> blocks) {
            List<long[]> runs = new ArrayList<>();
            long[] run = null;
            boolean lastFull = false;
            ValueTally values = new ValueTally(width);
            while (blocks.hasNext()) {
                FeatureBlock block = blocks.next();
                if (run != null && lastFull && block.firstRow() == run[0] + run[1]) {
                    run[1] += block.rows();
                } else {
                    run = new long[] {block.firstRow(), block.rows()};
                    runs.add(run);
                }
                lastFull = block.rows() == FeatureBlock.MAX_ROWS;
                values.count(block.values(), block.rows(), block.firstRow());
                if (block.text() != null) {
                    values.add(block.text());
                }
            }
            return List.of(new ScanSurvey(partition, runs.stream().mapToLong(r -> r[0]).toArray(),
                    runs.stream().mapToLong(r -> r[1]).toArray(), values)).iterator();
        }
    }
}
