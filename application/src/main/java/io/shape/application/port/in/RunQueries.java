package io.shape.application.port.in;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.List;
import java.util.Optional;

/** Reads run records: one by id, or a page of them, newest first. */
public interface RunQueries {
    Optional<Run> get(RunId id);

    List<Run> list(Optional<RunStatus> status, int offset, int limit);
}
