package io.shape.adapters.spark;

import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.storage.StorageLevel;

import java.util.Iterator;
import java.util.List;

/**
 * The blocks the passes of a run start from: the input transformed through the first {@code depth} fitted
 * steps. When a pass would run an expensive prefix that later passes run again (a stateful step needs
 * its own passes and scoring comes after), the output of that prefix is persisted and later passes start
 * from it. What to keep is the domain's rule, as for the local engine.
 */
final class KeptBlocks {
    private final List<String> features;
    private final boolean persist;
    private JavaRDD<FeatureBlock> blocks;
    /** Frees {@link #blocks}: unpersists them, or the input's cache they are read from. */
    private Runnable free;
    private int depth;
    private int width;
    /** Frees the blocks replaced by a newer keep, once a job has materialized the newer ones; null if none. */
    private Runnable freeReplaced;

    KeptBlocks(PositionedInput input, List<String> features, boolean persist) {
        this.blocks = input.blocks();
        this.free = input::release;
        this.features = features;
        this.persist = persist;
        this.width = input.width();
    }

    JavaRDD<FeatureBlock> blocks() {
        return blocks;
    }

    /**
     * Before a pass through {@code fitted[0, upTo)}: keeps a prefix's output if the domain's rule
     * ({@link FittedPipeline#depthToKeep}) says so; Spark's memory-and-disk storage always has room.
     */
    void keepBefore(List<FittedTransform> fitted, int upTo) {
        if (!persist) {
            return;
        }
        int best = FittedPipeline.depthToKeep(fitted, depth, upTo, width);
        if (best < 0) {
            return;
        }
        FittedPipeline head = FittedPipeline.segment(features, fitted, depth, best);
        JavaRDD<FeatureBlock> next = blocks.mapPartitions(new Transformed(head));
        next.persist(StorageLevel.MEMORY_AND_DISK());
        materialized();
        freeReplaced = free;
        blocks = next;
        free = () -> next.unpersist(false);
        depth = best;
        width = fitted.get(best - 1).outputWidth();
    }

    /** After a job over {@link #blocks()}: frees the blocks they were computed from, no longer needed. */
    void materialized() {
        if (freeReplaced != null) {
            freeReplaced.run();
            freeReplaced = null;
        }
    }

    /** The steps {@code [depth, to)}: what a pass still runs on the kept blocks. */
    FittedPipeline remaining(List<FittedTransform> fitted, int to) {
        return FittedPipeline.segment(features, fitted, depth, to);
    }

    /** Frees what this run persisted, the input's cache included. */
    void release() {
        materialized();
        free.run();
    }

    /** Blocks through a fitted segment, same rows, the segment's width. */
    private static final class Transformed implements FlatMapFunction<Iterator<FeatureBlock>, FeatureBlock> {
        private static final long serialVersionUID = 1L;
        private final FittedPipeline segment;

        Transformed(FittedPipeline segment) {
            this.segment = segment;
        }

        @Override
        public Iterator<FeatureBlock> call(Iterator<FeatureBlock> in) {
            FittedPipeline.Runner runner = segment.newRunner(FeatureBlock.MAX_ROWS);
            int width = segment.outputWidth();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return in.hasNext();
                }

                @Override
                public FeatureBlock next() {
                    FeatureBlock b = in.next();
                    double[] out = runner.transform(b.values(), b.rows());
                    return new FeatureBlock(b.firstRow(), b.rows(), java.util.Arrays.copyOf(out, b.rows() * width));
                }
            };
        }
    }
}
