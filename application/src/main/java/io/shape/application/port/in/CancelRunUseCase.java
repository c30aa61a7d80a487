package io.shape.application.port.in;

import io.shape.domain.run.RunId;

/** Asks a run executing in this process to stop. */
public interface CancelRunUseCase {
    /** @return whether the run was executing here and has been asked to stop */
    boolean cancel(RunId id);
}
