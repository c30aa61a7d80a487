package io.shape.adapters.spark;

import io.shape.domain.ShapeException;
import io.shape.domain.ErrorKind;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.Step;
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
    /** A step that keeps asking for passes is broken; stop rather than loop over the data forever. */
    private static final int MAX_PASSES = 100;
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

    FittedPipeline fit(Pipeline pipeline, List<String> features, KeptBlocks blocks) {
        List<FittedTransform> fitted = new ArrayList<>();
        for (Step step : pipeline.steps()) {
            FittedPipeline prefix = new FittedPipeline(features, fitted);
            if (step instanceof StatelessStep stateless) {
                fitted.add(stateless.bind(prefix.outputWidth()));
            } else {
                long start = System.nanoTime();
                blocks.keepBefore(fitted, fitted.size());
                fitted.add(fitStateful((StatefulStep) step, blocks.remaining(fitted, fitted.size()), blocks));
                double seconds = (System.nanoTime() - start) / 1e9;
                phaseSeconds.put("fit:" + step.name(), seconds);
                listener.stepFitted(step.name(), step.sklearnClass(), seconds);
            }
        }
        return new FittedPipeline(features, fitted);
    }

    /** Fits {@code step} on the kept blocks run through {@code prefix}, the fitted steps they have not been through. */
    private FittedTransform fitStateful(StatefulStep step, FittedPipeline prefix, KeptBlocks blocks) {
        Broadcast<FittedPipeline> shipped = spark.broadcast(prefix);
        try {
            Accumulator pass = step.startFit(prefix.outputWidth());
            for (int n = 1; n <= MAX_PASSES; n++) {
                watch.throwIfCancelled();
                inputCheck.run();
                JavaRDD<PartitionAccumulator> parts = blocks.blocks().mapPartitions(new FitPass(shipped, pass));
                Accumulator merged = pass.mergesInAnyOrder() ? mergeInTree(parts) : mergeInRowOrder(parts.collect());
                blocks.materialized();
                FitProgress progress = merged.complete();
                if (progress instanceof FitProgress.Fitted done) {
                    return done.transform();
                }
                pass = ((FitProgress.NextPass) progress).accumulator();
            }
            throw new ShapeException(ErrorKind.INTERNAL, "step '" + step.name() + "' (" + step.sklearnClass()
                    + ") asked for more than " + MAX_PASSES + " passes over the data");
        } finally {
            shipped.destroy();
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
