package io.shape.domain.run;

import io.shape.domain.ErrorKind;

/** Why a run did not succeed. */
public record RunError(ErrorKind kind, String message) {

    /**
     * A failure no rule foresaw (exit 1). Running out of heap is named with what to do about it: a large model (a
     * 500-tree forest of 20k nodes a tree needs about 2 GB while it loads) or wide batches can outgrow the heap
     * the JVM was given, and a stack trace would not say so.
     */
    public static RunError unexpected(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            long mib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            return new RunError(ErrorKind.INTERNAL, "out of memory: the JVM's heap of at most " + mib + " MiB is too "
                    + "small for this model or its batches" + (e.getMessage() == null ? "" : " (" + e.getMessage()
                    + ")") + "; give it more with "
                    + "SHAPE_JAVA_OPTS=-Xmx<size> (on Spark: the driver's and executors' memory)");
        }
        return new RunError(ErrorKind.INTERNAL, "unexpected error: " + e);
    }
}
