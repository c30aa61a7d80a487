package io.shape.adapters.spark;

import org.apache.spark.api.java.JavaRDD;

/**
 * The dataset as Spark holds it for a run: feature blocks in row order, partitions being contiguous row
 * ranges in order, read from the scan's blocks (persisted when caching is on).
 */
record PositionedInput(JavaRDD<FeatureBlock> blocks, JavaRDD<FeatureBlock> scanned, long rows, int width) {
    void release() {
        scanned.unpersist(false);
    }
}
