package io.shape.application.port.in;

import io.shape.domain.port.ScoringListener;
import io.shape.domain.run.Run;

/** Scores a table with a pipeline spec and a model, leaving a complete, traceable output folder. */
public interface ScoreDatasetUseCase {
    /**
     * Runs the job to its end. Never throws for a failed run: the returned record says FAILED or CANCELLED
     * and why (the caller maps {@code run.error().kind()} to an exit code).
     *
     * @param listener progress for the caller (e.g. a progress bar); may ask to cancel
     */
    Run score(ScoreCommand command, ScoringListener listener);
}
