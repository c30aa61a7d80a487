package io.shape.application.service;

import io.shape.application.port.in.CancelRunUseCase;
import io.shape.domain.run.RunId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The runs executing in this process, each with its cancellation flag. */
public final class ActiveRuns implements CancelRunUseCase {
    private final Map<RunId, AtomicBoolean> running = new ConcurrentHashMap<>();

    /** Registers a run; the returned flag turns true when someone cancels it. */
    AtomicBoolean register(RunId id) {
        AtomicBoolean flag = new AtomicBoolean();
        running.put(id, flag);
        return flag;
    }

    void unregister(RunId id) {
        running.remove(id);
    }

    public boolean isActive(RunId id) {
        return running.containsKey(id);
    }

    @Override
    public boolean cancel(RunId id) {
        AtomicBoolean flag = running.get(id);
        if (flag == null) {
            return false;
        }
        flag.set(true);
        return true;
    }
}
