package io.shape.application.port.in;

import io.shape.domain.run.RunId;

import java.time.Duration;
import java.util.Optional;

/** Queues a scoring run to execute in the background and tells its id at once. */
public interface SubmitRunUseCase {
    /**
     * @param idempotencyKey a caller's key: submitting again with the same key returns the first run's id
     *                       instead of starting another
     * @throws SubmissionRejected when the queue is full or the service is shutting down
     * @throws io.shape.domain.ShapeException (USAGE) when the key was used for a different command
     */
    Receipt submit(ScoreCommand command, Optional<String> idempotencyKey);

    /**
     * Stops taking runs, cancels the queued ones, lets the running ones finish within {@code grace} and
     * cancels those still running then.
     *
     * @return whether every run had ended when this returned
     */
    boolean drain(Duration grace);

    /** The id of the submitted run, and whether an earlier submission with the same key had already made it. */
    record Receipt(RunId runId, boolean duplicate) {
    }
}
