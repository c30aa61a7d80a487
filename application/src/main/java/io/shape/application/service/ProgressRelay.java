package io.shape.application.service;

import io.shape.domain.port.RunEvents;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes an engine's progress to the caller's listener and to the run's events (at most one Progress event
 * a second), and tells the engine to stop when the run is cancelled from anywhere.
 */
final class ProgressRelay implements ScoringListener {
    private static final Duration EVENT_INTERVAL = Duration.ofSeconds(1);

    private final RunId runId;
    private final ScoringListener caller;
    private final RunEvents events;
    private final Clock clock;
    private final AtomicBoolean cancelFlag;
    private final Instant start;
    private Instant lastEvent;

    ProgressRelay(RunId runId, ScoringListener caller, RunEvents events, Clock clock, AtomicBoolean cancelFlag) {
        this.runId = runId;
        this.caller = caller;
        this.events = events;
        this.clock = clock;
        this.cancelFlag = cancelFlag;
        this.start = clock.instant();
    }

    @Override
    public void stepFitted(String step, String sklearnClass, double seconds) {
        caller.stepFitted(step, sklearnClass, seconds);
        events.publish(new RunEvent.StepFitted(UUID.randomUUID().toString(), runId, clock.instant(), step,
                sklearnClass, seconds));
    }

    @Override
    public synchronized void progress(long rowsDone, long totalRows) {
        caller.progress(rowsDone, totalRows);
        Instant now = clock.instant();
        if (lastEvent == null || Duration.between(lastEvent, now).compareTo(EVENT_INTERVAL) >= 0) {
            lastEvent = now;
            double seconds = Math.max(1e-9, Duration.between(start, now).toNanos() / 1e9);
            events.publish(new RunEvent.Progress(UUID.randomUUID().toString(), runId, now, rowsDone,
                    rowsDone / seconds));
        }
    }

    @Override
    public boolean cancelled() {
        return cancelFlag.get() || caller.cancelled();
    }
}
