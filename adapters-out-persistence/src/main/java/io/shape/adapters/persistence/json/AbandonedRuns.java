package io.shape.adapters.persistence.json;

import io.shape.domain.ErrorKind;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What an unfinished record of a process that is gone becomes: the run's own {@code run.json} when the run
 * did finish (its process wrote the result to the output folder but could not reach the store at the end),
 * else FAILED with the given reason. Both run stores use it, so a run whose files say SUCCEEDED is never
 * marked as abandoned.
 */
public final class AbandonedRuns {
    private AbandonedRuns() {
    }

    public static Run settle(Run unfinished, Instant now, String reason) {
        Run finished = finishedRecord(unfinished);
        return finished != null ? finished : unfinished.failed(now, new RunError(ErrorKind.INTERNAL, reason));
    }

    private static Run finishedRecord(Run unfinished) {
        if (unfinished.outputs() == null || unfinished.outputs().runRecord() == null) {
            return null;
        }
        try {
            Path file = Path.of(unfinished.outputs().runRecord());
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Run written = RunJson.fromJson(Json.read(file));
            return written.id().equals(unfinished.id()) && written.status().isTerminal() ? written : null;
        } catch (java.io.IOException | RuntimeException e) {
            // An unreadable or foreign run.json proves nothing: the run counts as abandoned.
            return null;
        }
    }
}
