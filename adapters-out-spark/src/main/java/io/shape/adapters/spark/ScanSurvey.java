package io.shape.adapters.spark;

import org.apache.spark.api.java.function.Function2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one scan partition holds, learnt by the job that fills the cache: the row range of each of its
 * blocks in the order the partition yields them, and per column its missing (NaN) and infinite values.
 */
record ScanSurvey(int partition, long[] firstRows, int[] rows, long[] missing, long[] infinite)
        implements java.io.Serializable {

    /** Surveys each partition of the scan's blocks. */
    static final class Job implements Function2<Integer, Iterator<FeatureBlock>, Iterator<ScanSurvey>> {
        private static final long serialVersionUID = 1L;
        private final int width;

        Job(int width) {
            this.width = width;
        }

        @Override
        public Iterator<ScanSurvey> call(Integer partition, Iterator<FeatureBlock> blocks) {
            List<Long> firsts = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            long[] missing = new long[width];
            long[] infinite = new long[width];
            while (blocks.hasNext()) {
                FeatureBlock block = blocks.next();
                firsts.add(block.firstRow());
                sizes.add(block.rows());
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
            return List.of(new ScanSurvey(partition, firsts.stream().mapToLong(Long::longValue).toArray(),
                    sizes.stream().mapToInt(Integer::intValue).toArray(), missing, infinite)).iterator();
        }
    }
}
