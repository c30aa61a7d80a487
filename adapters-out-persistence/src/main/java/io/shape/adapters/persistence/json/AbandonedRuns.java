package io.shape.adapters.persistence.json;

import io.shape.domain.ErrorKind;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.data.InputFiles;
import io.shape.domain.run.RunOutputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

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
        if (finished != null) {
            return finished;
        }
        removeStagedPredictions(unfinished);
        return unfinished.failed(now, new RunError(ErrorKind.INTERNAL, reason));
    }

    /**
     * The part files a killed run was writing: a hidden folder nobody else would ever publish or remove.
     * Best effort; a leftover one never claims success (it has no {@code _SUCCESS} and is hidden).
     */
    private static void removeStagedPredictions(Run run) {
        if (run.outputs() == null || run.outputs().predictions() == null
                || !InputFiles.isLocal(run.outputs().predictions())) {
            return;
        }
        Path predictions = InputFiles.localPath(run.outputs().predictions());
        Path staged = predictions.resolveSibling(RunOutputs.stagingName(predictions.getFileName().toString(),
                run.id().value()));
        if (!Files.isDirectory(staged, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staged)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // left for a person to remove: it is hidden and claims nothing
        }
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
