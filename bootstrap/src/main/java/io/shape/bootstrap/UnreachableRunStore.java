package io.shape.bootstrap;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.List;
import java.util.Optional;

/**
 * Stands in for a run store that could not be opened (database down, wrong password): every call reports
 * it, so a scoring run still writes its files and records that the store was unreachable, and
 * {@code runs list} says why it cannot answer.
 */
final class UnreachableRunStore implements RunRepository {
    private final String reason;

    UnreachableRunStore(String reason) {
        this.reason = reason;
    }

    @Override
    public void save(Run run) {
        throw unreachable();
    }

    @Override
    public Optional<Run> find(RunId id) {
        throw unreachable();
    }

    @Override
    public List<Run> list(Optional<RunStatus> status, int offset, int limit) {
        throw unreachable();
    }

    @Override
    public List<Run> failAbandoned(String why) {
        return List.of();
    }

    private ShapeException unreachable() {
        return new ShapeException(ErrorKind.UNAVAILABLE, reason);
    }
}
