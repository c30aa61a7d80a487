package io.shape.adapters.cli;

import io.shape.application.port.in.ScoreCommand;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A shape server seen from the command line ({@code --server HOST:PORT}): what the CLI asks of it, with
 * answers as lines for people. The composition root implements it over the gRPC client.
 */
public interface RemoteRuns extends AutoCloseable {
    /** Queues a run on the server; paths are resolved there, under its allowed roots. */
    RunId submit(ScoreCommand command, Optional<String> idempotencyKey);

    /** One line per run, newest first. */
    List<String> list(Optional<RunStatus> status, int limit);

    /** The run as lines of {@code key: value}, or empty when the server has no such run. */
    Optional<String> show(RunId id);

    /** Follows a run to its end, one line per update; returns its final status. */
    RunStatus watch(RunId id, Consumer<String> lines);

    /** @return whether the run was asked to stop */
    boolean cancel(RunId id);

    @Override
    void close();
}
