package io.shape.domain.port;

import io.shape.domain.run.RunId;

/** Out-port: a store that keeps a copy of a run's predictions for querying (e.g. PostgreSQL). */
public interface PredictionsSink {
    /**
     * Stores all of {@code rows} as the predictions of {@code run}, replacing any stored before for that run.
     * All or nothing: when reading {@code rows} or writing fails, nothing of this call is visible and the
     * failure is thrown as a {@link io.shape.domain.ShapeException}. Reads {@code rows} once, batch by batch,
     * so it never holds more than one batch in memory.
     */
    void store(RunId run, PredictionRows rows);
}
