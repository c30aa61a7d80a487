package io.shape.domain.port;

import io.shape.domain.model.Model;

/**
 * Out-port: reads a finished run's predictions folder back, batch by batch in row order, so they can be
 * copied into a {@link PredictionsSink} without holding them in memory.
 */
public interface PredictionsReader {
    /**
     * Opens the part files of {@code predictionsDir} as written by any engine for {@code model}: prediction
     * values are mapped back to indexes of {@code model.labels()} (or kept as values for regressors). Throws
     * a {@link io.shape.domain.ShapeException} (INVALID_INPUT) when the folder is incomplete or its files do
     * not match the model; reading errors later surface from {@link PredictionRows#next} the same way.
     */
    OpenPredictions open(String predictionsDir, Model model);

    /** Predictions being read; closing releases the file that is open, also when not read to the end. */
    interface OpenPredictions extends PredictionRows, AutoCloseable {
        @Override
        void close();
    }
}
