package io.shape.application.service;

import io.shape.application.port.in.RunQueries;
import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.List;
import java.util.Optional;

/** Reads run records from the configured store. */
public final class RunQueryService implements RunQueries {
    private final RunRepository repository;

    public RunQueryService(RunRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Run> get(RunId id) {
        return repository.find(id);
    }

    @Override
    public List<Run> list(Optional<RunStatus> status, int offset, int limit) {
        return repository.list(status, offset, limit);
    }
}
