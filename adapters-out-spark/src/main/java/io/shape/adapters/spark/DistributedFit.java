package io.shape.adapters.spark;

import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.PipelineFitting;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Fits a pipeline's steps in order on Spark. A stateful step runs passes: every partition feeds its own
 * accumulator with its rows through the steps fitted so far; the driver receives only accumulators and
 * merges them in row order (partitions are row ranges), except those that merge in any order (samples),
 * which the executors merge in a tree first; {@code complete()} says whether another pass is needed.
 */
final class DistributedFit {
    /** About how many partition accumulators one task of a merge tree merges (Spark's rounding: up to 34). */
    static final int TREE_FAN_IN = 32;

    private final JavaSparkContext spark;
    private final CancellationWatch watch;
    private final ScoringListener listener;
    private final Map<String, Double> phaseSeconds;
    /** Run before every pass: fails the run when its input is no longer the table pinned at the start. */
    private final Runnable inputCheck;

    DistributedFit(JavaSparkContext spark, CancellationWatch watch, ScoringListener listener,
                   Map<String, Double> phaseSeconds, Runnable inputCheck) {
        this.spark = spark;
        this.inputCheck = inputCheck;
        this.watch = watch;
        this.listener = listener;
        this.phaseSeconds = phaseSeconds;
    }

    /** The domain's {@link PipelineFitting} over the kept blocks, read as {@code table} says. */
    FittedPipeline fit(Pipeline pipeline, List<String> features, io.shape.domain.data.ColumnPlan table,
                       KeptBlocks blocks) {
        return PipelineFitting.fit(pipeline, features, table, new Passes(blocks), listener::stepFitted,
                phaseSeconds);
    }

    /** A step's passes: the blocks kept as near the step as memory allows, the rest of the prefix shipped once. */
    private final class Passes implements PipelineFitting.Rows {
        private final KeptBlocks blocks;
        private Broadcast<FittedPipeline> shipped;

        Passes(KeptBlocks blocks) {
            this.blocks = blocks;
        }

        @Override
        public void stepStarting(List<FittedTransform> fitted) {
            blocks.keepBefore(fitted, fitted.size());
            shipped = spark.broadcast(blocks.remaining(fitted, fitted.size()));
        }

        @Override
        public Accumulator pass(List<FittedTransform> fitted, Accumulator accumulator) {
            watch.throwIfCancelled();
            inputCheck.run();
            JavaRDD<PartitionAccumulator> parts = blocks.blocks().mapPartitions(new FitPass(shipped, accumulator));
            Accumulator merged = accumulator.mergesInAnyOrder() ? mergeInTree(parts)
                    : mergeInRowOrder(parts.collect());
            blocks.materialized();
            return merged;
        }

        @Override
        public void stepEnded() {
            if (shipped != null) {
                shipped.destroy();
                shipped = null;
            }
        }
    }

    /**
     * Merges accumulators that merge in any order (samples) on the executors, in a tree whose tasks each
     * take about {@link #TREE_FAN_IN} partitions, so that the driver receives a few merged ones rather than
     * one per partition: a QuantileTransformer sample is up to ~1 MB, and thousands of them exceed
     * {@code spark.driver.maxResultSize}.
     */
    private static Accumulator mergeInTree(JavaRDD<PartitionAccumulator> parts) {
        PartitionAccumulator all = parts.treeReduce(PartitionAccumulator::merged, treeDepth(parts.getNumPartitions()));
        if (all.rows() == 0) {
            throw new IllegalStateException("a fitting pass saw no rows");
        }
        return all.accumulator();
    }

    /**
     * The depth of Spark's tree for {@code partitions} partitions: 1 (every partition to the driver, merged
     * as they arrive) up to {@link #TREE_FAN_IN}, else enough levels that each merges about that many.
     */
    static int treeDepth(int partitions) {
        int depth = 1;
        for (long reach = TREE_FAN_IN; reach < partitions; reach *= TREE_FAN_IN) {
            depth++;
        }
        return depth;
    }

    /**
     * Merges partition accumulators by their first row, skipping partitions without rows, so the merge
     * order is the input order whatever order Spark returned them in.
     */
    static Accumulator mergeInRowOrder(List<PartitionAccumulator> parts) {
        List<PartitionAccumulator> ordered = new ArrayList<>(parts.stream().filter(p -> p.rows() > 0).toList());
        if (ordered.isEmpty()) {
            throw new IllegalStateException("a fitting pass saw no rows");
        }
        ordered.sort(Comparator.comparingLong(PartitionAccumulator::firstRow));
        Accumulator merged = ordered.get(0).accumulator();
        for (int i = 1; i < ordered.size(); i++) {
            merged.merge(ordered.get(i).accumulator());
        }
        return merged;
    }
}
