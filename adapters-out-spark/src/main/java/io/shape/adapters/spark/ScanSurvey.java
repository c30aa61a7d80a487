package io.shape.adapters.spark;

import org.apache.spark.api.java.function.Function2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one scan partition holds, learnt by the job that fills the cache: its runs of rows, and per column
 * its missing (NaN) and infinite values. A run is a sequence of blocks the partition yields one after the
 * other whose rows follow each other, every block full but the last ({@link ScanBlocks} fills blocks so),
 * which is all the driver needs to know where each block is: a survey costs a few numbers per file or split
 * read by the partition, not per block.
 *
 * @param runFirstRows position of each run's first row, in the order the partition yields the runs
 * @param runRows      rows in each run
 */
record ScanSurvey(int partition, long[] runFirstRows, long[] runRows, long[] missing, long[] infinite)
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
            long[] missing = new long[width];
            long[] infinite = new long[width];
            while (blocks.hasNext()) {
                FeatureBlock block = blocks.next();
                if (run != null && lastFull && block.firstRow() == run[0] + run[1]) {
                    run[1] += block.rows();
                } else {
                    run = new long[] {block.firstRow(), block.rows()};
                    runs.add(run);
                }
                lastFull = block.rows() == FeatureBlock.MAX_ROWS;
                count(block, missing, infinite);
            }
            return List.of(new ScanSurvey(partition, runs.stream().mapToLong(r -> r[0]).toArray(),
                    runs.stream().mapToLong(r -> r[1]).toArray(), missing, infinite)).iterator();
        }

        private void count(FeatureBlock block, long[] missing, long[] infinite) {
            double[] v = block.values();
            for (int r = 0; r < block.rows(); r++) {
                for (int c = 0; c < width; c++) {
                    double x = v[r * width + c];
                    if (Double.isNaN(x)) {
                        missing[c]++;
                    } else if (Double.isInfinite(x)) {
                        infinite[c]++;
                    }
                }
            }
        }
    }
}
