package io.shape.application.service;

import io.shape.domain.port.RunRepository;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A run store in memory, for unit tests of the use cases; counts saves so tests can see retries. */
final class InMemoryRunRepository implements RunRepository {
    final Map<RunId, Run> runs = new LinkedHashMap<>();
    final List<RunStatus> savedStatuses = new ArrayList<>();
    RuntimeException failure;
    int attempts;

    @Override
    public synchronized void save(Run run) {
        attempts++;
        if (failure != null) {
            throw failure;
        }
        runs.put(run.id(), run);
        savedStatuses.add(run.status());
    }

    @Override
    public synchronized Optional<Run> find(RunId id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized List<Run> list(Optional<RunStatus> status, int offset, int limit) {
        return runs.values().stream().filter(r -> status.map(s -> s == r.status()).orElse(true))
                .sorted(Comparator.comparing((Run r) -> r.id().value()).reversed())
                .skip(offset).limit(limit).toList();
    }

    @Override
    public List<Run> failAbandoned(String reason) {
        return List.of();
    }
}
