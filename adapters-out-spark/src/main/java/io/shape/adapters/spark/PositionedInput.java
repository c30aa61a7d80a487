package io.shape.adapters.spark;

import org.apache.spark.api.java.JavaRDD;

/**
 * The dataset as Spark holds it for a run: feature blocks range-partitioned by row position (partition
 * order is row order), persisted when caching is on.
 */
record PositionedInput(JavaRDD<FeatureBlock> blocks, long rows, int width) {
    void release() {
        blocks.unpersist(false);
    }
}
