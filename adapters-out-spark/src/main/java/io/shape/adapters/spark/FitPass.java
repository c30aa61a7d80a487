package io.shape.adapters.spark;

import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FittedPipeline;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

import java.util.Iterator;
import java.util.List;

/**
 * One fitting pass over one partition: its rows, in order, go through the already fitted steps and into
 * an empty copy of the pass's accumulator, which is all the partition returns.
 */
final class FitPass implements FlatMapFunction<Iterator<FeatureBlock>, PartitionAccumulator> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<FittedPipeline> prefix;
    private final Accumulator pass;

    FitPass(Broadcast<FittedPipeline> prefix, Accumulator pass) {
        this.prefix = prefix;
        this.pass = pass;
    }

    @Override
    public Iterator<PartitionAccumulator> call(Iterator<FeatureBlock> blocks) {
        FittedPipeline fitted = prefix.value();
        FittedPipeline.Runner runner = fitted.newRunner(FeatureBlock.MAX_ROWS);
        int width = fitted.outputWidth();
        Accumulator accumulator = pass.emptyCopy();
        long first = -1;
        long rows = 0;
        while (blocks.hasNext()) {
            FeatureBlock block = blocks.next();
            double[] x = runner.transform(block.values(), block.rows());
            accumulator.addRows(block.firstRow(), x, block.rows(), width);
            if (first < 0) {
                first = block.firstRow();
            }
            rows += block.rows();
        }
        return List.of(new PartitionAccumulator(first, rows, accumulator)).iterator();
    }
}
