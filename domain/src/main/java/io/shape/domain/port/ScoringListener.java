package io.shape.domain.port;

/** How an engine reports progress while it runs, and learns that it should stop. */
public interface ScoringListener {
    /** A stateful step finished fitting. */
    default void stepFitted(String step, String sklearnClass, double seconds) {
    }

    /**
     * Rows scored so far. Engines may call this often; listeners rate-limit what they show.
     *
     * @param totalRows the row count when known (from file metadata), else -1
     */
    default void progress(long rowsDone, long totalRows) {
    }

    /** Whether the run was cancelled; engines check it between batches and stop promptly. */
    default boolean cancelled() {
        return false;
    }

    ScoringListener NONE = new ScoringListener() {
    };
}
