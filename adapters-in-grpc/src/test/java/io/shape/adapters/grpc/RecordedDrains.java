package io.shape.adapters.grpc;

import io.shape.application.port.in.ScoreCommand;
import io.shape.application.port.in.SubmitRunUseCase;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The submissions as the server uses them, remembering the grace each drain (each stop) asked for. */
final class RecordedDrains implements SubmitRunUseCase {
    private final SubmitRunUseCase submissions;
    private final List<Duration> graces = new CopyOnWriteArrayList<>();

    RecordedDrains(SubmitRunUseCase submissions) {
        this.submissions = submissions;
    }

    @Override
    public Receipt submit(ScoreCommand command, Optional<String> idempotencyKey) {
        return submissions.submit(command, idempotencyKey);
    }

    @Override
    public boolean drain(Duration grace) {
        graces.add(grace);
        return submissions.drain(grace);
    }

    List<Duration> graces() {
        return List.copyOf(graces);
    }
}
