package io.shape.domain.port;

import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.List;
import java.util.Optional;

/** Out-port: where run records are kept (JSON files by default, PostgreSQL when configured). */
public interface RunRepository {
    /**
     * Inserts or replaces the record of {@code run.id()}; atomic: readers see the old or the new record. A
     * stored terminal record (SUCCEEDED, FAILED, CANCELLED) is never replaced by a non-terminal one: such a
     * save is ignored, so a late progress update cannot revive a finished or cancelled run.
     */
    void save(Run run);

    Optional<Run> find(RunId id);

    /** Newest first; {@code status} empty for all; at most {@code limit} records after skipping {@code offset}. */
    List<Run> list(Optional<RunStatus> status, int offset, int limit);

    /**
     * Marks every run still RUNNING or QUEUED whose owner process is gone as FAILED with {@code reason};
     * called when the store opens. Returns the runs it marked.
     */
    List<Run> failAbandoned(String reason);
}
