package io.shape.adapters.spark;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

/** Turns what a Spark action throws into the {@link ShapeException} the user should see. */
final class SparkFailures {
    private SparkFailures() {
    }

    /**
     * A cancelled run is CANCELLED whatever Spark reports; a ShapeException raised inside a task (bad
     * data found by a step or the model) keeps its kind and message; anything else is a fault of ours.
     */
    static ShapeException translate(Exception failure, boolean cancelled) {
        if (cancelled) {
            return failure instanceof ShapeException s && s.kind() == ErrorKind.CANCELLED
                    ? s : CancellationWatch.cancelledException(failure);
        }
        if (failure instanceof ShapeException s) {
            return s;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ShapeException s) {
                return new ShapeException(s.kind(), s.getMessage(), failure);
            }
        }
        return new ShapeException(ErrorKind.INTERNAL, "the Spark job failed: " + firstLine(failure), failure);
    }

    static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
