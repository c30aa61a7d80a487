package io.shape.domain.transform;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fits a pipeline: the one place where the fitting order is decided, whatever engine reads the rows. Steps
 * are fitted in spec order, each on the rows run through the steps fitted before it; a stateful step takes
 * as many passes as its accumulators ask for (at most {@link #MAX_PASSES}); each fitted step is reported to
 * the listener and timed as phase {@code fit:<step>}. An engine supplies only {@link Rows}: how one pass
 * over its rows feeds an accumulator (local batches in row order, Spark partitions merged).
 */
public final class PipelineFitting {
    /** A step that keeps asking for passes is broken: stop rather than read the data forever. */
    public static final int MAX_PASSES = 100;

    /** The rows a pipeline is fitted on, as an engine reads them: one pass at a time. */
    public interface Rows {
        /**
         * One pass: every row, run through {@code fitted} (the steps fitted so far), added to
         * {@code accumulator} — in row order, or in partitions merged in row order (in any order and grouping
         * where {@link Accumulator#mergesInAnyOrder()} allows it).
         *
         * @return the accumulator that holds the whole pass (the given one, or the merge of partitions)
         */
        Accumulator pass(List<FittedTransform> fitted, Accumulator accumulator);

        /** Before the passes of a stateful step: e.g. ship {@code fitted} to the workers once, keep rows. */
        default void stepStarting(List<FittedTransform> fitted) {
        }

        /** After the passes of a stateful step, whether it was fitted or failed. */
        default void stepEnded() {
        }
    }

    /** Told of each fitted stateful step (an engine passes its listener's {@code stepFitted}). */
    @FunctionalInterface
    public interface StepFitted {
        void stepFitted(String step, String sklearnClass, double seconds);
    }

    private PipelineFitting() {
    }

    /**
     * @param table  how the engine reads the table's columns (the first step's input): its resolved plan, whose
     *               text columns come as their survey's codes
     * @param phases receives {@code fit:<step>} seconds for each stateful step
     */
    public static FittedPipeline fit(Pipeline pipeline, List<String> features, io.shape.domain.data.ColumnPlan table,
                                     Rows rows, StepFitted listener, Map<String, Double> phases) {
        if (table.surveysText()) {
            throw new IllegalArgumentException("the engine must resolve the plan's encoded columns before the fit");
        }
        List<FittedTransform> fitted = new ArrayList<>();
        int width = features.size();
        for (Step step : pipeline.steps()) {
            FittedTransform transform;
            if (step instanceof StatelessStep stateless) {
                transform = stateless.bind(width);
            } else {
                long start = System.nanoTime();
                io.shape.domain.data.ColumnPlan input = fitted.isEmpty() && table.width() == width ? table
                        : io.shape.domain.data.ColumnPlan.numbers(width);
                List<String> inputs = io.shape.domain.transform.encode.Encoders.names(
                        fitted.isEmpty() ? features : null, width); // the table's names, or positions after a step
                transform = fitStep((StatefulStep) step, List.copyOf(fitted), inputs, input, rows);
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

    /** @param inputs the step's input columns as messages name them: quoted table columns, or positions */
    private static FittedTransform fitStep(StatefulStep step, List<FittedTransform> before, List<String> inputs,
            io.shape.domain.data.ColumnPlan input, Rows rows) {
        rows.stepStarting(before);
        try {
            Accumulator accumulator = step.startFit(inputs, input);
            for (int pass = 1; pass <= MAX_PASSES; pass++) {
                FitProgress progress = rows.pass(before, accumulator).complete();
                if (progress instanceof FitProgress.Fitted done) {
                    return done.transform();
                }
                accumulator = ((FitProgress.NextPass) progress).accumulator();
            }
            throw new ShapeException(ErrorKind.INTERNAL, "step '" + step.name() + "' (" + step.sklearnClass()
                    + ") still wants another pass after " + MAX_PASSES);
        } finally {
            rows.stepEnded();
        }
    }
}
