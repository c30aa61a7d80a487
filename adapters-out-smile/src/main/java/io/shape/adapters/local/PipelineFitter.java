package io.shape.adapters.local;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.transform.Accumulator;
import io.shape.domain.transform.FitProgress;
import io.shape.domain.transform.FittedPipeline;
import io.shape.domain.transform.FittedTransform;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.StatefulStep;
import io.shape.domain.transform.StatelessStep;
import io.shape.domain.transform.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Fits the pipeline step by step: each stateful step sees its input (the rows through the steps fitted
 * before it) in row order, one accumulator per pass, as many passes as it asks for.
 */
final class PipelineFitter {
    /** A step that keeps asking for passes is a bug, not a reason to read the data forever. */
    private static final int MAX_PASSES = 100;

    private final RowPasses passes;
    private final ScoringListener listener;

    PipelineFitter(RowPasses passes, ScoringListener listener) {
        this.passes = passes;
        this.listener = listener;
    }

    /** The fitted pipeline; records {@code fit:<step>} seconds in {@code phases}. */
    FittedPipeline fit(Pipeline pipeline, List<String> features, Map<String, Double> phases) {
        List<FittedTransform> fitted = new ArrayList<>();
        int width = features.size();
        for (Step step : pipeline.steps()) {
            FittedTransform transform;
            if (step instanceof StatelessStep stateless) {
                transform = stateless.bind(width);
            } else {
                long start = System.nanoTime();
                transform = fitStep((StatefulStep) step, fitted, width);
                double seconds = (System.nanoTime() - start) / 1e9;
                phases.put("fit:" + step.name(), seconds);
                listener.stepFitted(step.name(), step.sklearnClass(), seconds);
            }
            if (transform.inputWidth() != width) {
                throw new ShapeException(ErrorKind.INTERNAL, "step '" + step.name() + "' was fitted for "
                        + transform.inputWidth() + " columns but receives " + width);
            }
            fitted.add(transform);
            width = transform.outputWidth();
        }
        return new FittedPipeline(features, fitted);
    }

    private FittedTransform fitStep(StatefulStep step, List<FittedTransform> before, int width) {
        Feed feed = new Feed(step.startFit(width), width);
        List<FittedTransform> prefix = List.copyOf(before);
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            // A pass that needs only some rows (a sample by position) transforms only those.
            LongPredicate used = passes.rows() > 0 ? feed.accumulator.rowsUsed(passes.rows()) : null;
            passes.run(prefix, prefix.size(), null, feed::add, used == null, used);
            FitProgress progress = feed.accumulator.complete();
            if (progress instanceof FitProgress.Fitted done) {
                return done.transform();
            }
            feed.accumulator = ((FitProgress.NextPass) progress).accumulator();
        }
        throw new ShapeException(ErrorKind.INTERNAL, "step '" + step.name() + "' (" + step.sklearnClass()
                + ") still wants another pass after " + MAX_PASSES);
    }

    /** Hands a batch's rows to the accumulator in order: all at once, or one by one when sampled. */
    private static final class Feed {
        Accumulator accumulator;
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
