package io.shape.adapters.grpc;

import io.shape.application.port.in.RunQueries;
import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A run store in memory, newest first, as the real stores list. */
final class InMemoryRuns implements RunQueries, RunRepository {
    private final Map<RunId, Run> runs = new ConcurrentHashMap<>();

    @Override
    public void save(Run run) {
        runs.put(run.id(), run);
    }

    @Override
    public Optional<Run> find(RunId id) {
        return get(id);
    }

    @Override
    public List<Run> failAbandoned(String reason) {
        return List.of();
    }

    int size() {
        return runs.size();
    }

    @Override
    public Optional<Run> get(RunId id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public List<Run> list(Optional<RunStatus> status, int offset, int limit) {
        return runs.values().stream()
                .filter(r -> status.map(r.status()::equals).orElse(true))
                .sorted(Comparator.comparing(Run::createdAt).thenComparing(r -> r.id().value()).reversed())
                .skip(offset).limit(limit).toList();
    }
}
