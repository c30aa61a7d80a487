package io.shape.adapters.local;

import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.PipelineFitting;

import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The local engine's rows for the domain's {@link PipelineFitting}: each pass streams the input in row order
 * through the steps fitted so far into the step's accumulator, transforming only the rows a sampling pass
 * uses.
 */
final class PipelineFitter implements PipelineFitting.Rows {
    private final RowPasses passes;
    private final ScoringListener listener;

    PipelineFitter(RowPasses passes, ScoringListener listener) {
        this.passes = passes;
        this.listener = listener;
    }

    /** The fitted pipeline, its first step reading the columns as {@code table} says; records {@code fit:<step>} seconds in {@code phases}. */
    FittedPipeline fit(Pipeline pipeline, List<String> features, io.shape.domain.data.ColumnPlan table,
                       Map<String, Double> phases) {
        return PipelineFitting.fit(pipeline, features, table, this, listener::stepFitted, phases);
    }

    @Override
    public Accumulator pass(List<FittedTransform> fitted, Accumulator accumulator) {
        // A pass that needs only some rows (a sample by position) transforms only those.
        LongPredicate used = passes.rows() > 0 ? accumulator.rowsUsed(passes.rows()) : null;
        Feed feed = new Feed(accumulator, fitted.isEmpty() ? passes.inputWidth()
                : fitted.get(fitted.size() - 1).outputWidth());
        passes.run(fitted, fitted.size(), null, feed::add, used == null, used);
        return accumulator;
    }

    /** Hands a batch's rows to the accumulator in order: all at once, or one by one when sampled. */
    private static final class Feed {
        private final Accumulator accumulator;
        private final double[] row;
        private final int width;

        Feed(Accumulator accumulator, int width) {
            this.accumulator = accumulator;
            this.width = width;
            this.row = new double[width];
        }

        void add(Batch b) {
            double[] values = b.output;
            if (b.positions != null) {
                for (int k = 0; k < b.used; k++) {
                    System.arraycopy(values, k * width, row, 0, width);
                    accumulator.add(b.positions[k], row);
                }
                accumulator.addSkipped(b.rows - b.used);
                return;
            }
            accumulator.addRows(b.firstRow, values, b.rows, width);
        }
    }
}
