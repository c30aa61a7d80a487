package io.shape.adapters.grpc;

import io.shape.application.port.in.ScoreCommand;
import io.shape.application.port.in.ScoreDatasetUseCase;
import io.shape.domain.ErrorKind;
import io.shape.domain.port.RunEvents;
import io.shape.domain.port.ScoringListener;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores nothing but behaves like the real service towards its callers: takes the pre-assigned id, saves
 * the run, publishes started / step / progress / end events, checks cancellation between batches. With
 * {@code hold}, each batch waits for a permit, so tests decide when a run may go on.
 */
final class FakeScoring implements ScoreDatasetUseCase {
    private final InMemoryRuns store;
    private final RunEvents events;
    private final int batches;
    private final Semaphore hold;
    final AtomicInteger calls = new AtomicInteger();

    FakeScoring(InMemoryRuns store, RunEvents events, int batches, Semaphore hold) {
        this.store = store;
        this.events = events;
        this.batches = batches;
        this.hold = hold;
    }

    @Override
    public Run score(ScoreCommand command, ScoringListener listener) {
        calls.incrementAndGet();
        ScoreCommand.Assigned assigned = command.assigned()
                .orElseThrow(() -> new AssertionError("a submitted run must come with its id"));
        RunId id = assigned.id();
        String out = command.output().map(Object::toString).orElse("/out/" + id);
        Run run = Run.queued(id, command.engine(), assigned.createdAt(), RunInputs.of(command.spec().toString(), command.data()),
                new RunOutputs(out, out + "/predictions", null, null, null, "parquet")).started(Instant.now());
        store.save(run);
        events.publish(new RunEvent.RunStarted(eventId(), id, Instant.now(), run.engine(), run.inputs()));
        events.publish(new RunEvent.StepFitted(eventId(), id, Instant.now(), "scaler", "StandardScaler", 0.01));
        long rows = 0;
        for (int b = 0; b < batches; b++) {
            if (hold != null) {
                while (!listener.cancelled() && !tryAcquire()) {
                    Thread.onSpinWait();
                }
            }
            if (listener.cancelled()) {
                // like the engines: stop between batches, leave no _SUCCESS, end CANCELLED
                run = run.failed(Instant.now(), new RunError(ErrorKind.CANCELLED, "cancelled after " + rows + " rows"));
                store.save(run);
                events.publish(new RunEvent.RunFailed(eventId(), id, Instant.now(), "CANCELLED",
                        run.error().message(), Map.of()));
                return run;
            }
            rows += 100;
            listener.progress(rows, -1);
            events.publish(new RunEvent.Progress(eventId(), id, Instant.now(), rows, 1000.0));
        }
        RunMetrics metrics = new RunMetrics(rows, List.of(rows, 4L), List.of(rows, 66L), List.of("1"),
                Map.of("1", rows), 0.1, rows / 0.1, Map.of());
        run = run.succeeded(Instant.now(), metrics);
        store.save(run);
        events.publish(new RunEvent.RunSucceeded(eventId(), id, Instant.now(), metrics, run.outputs()));
        return run;
    }

    private boolean tryAcquire() {
        try {
            return hold.tryAcquire(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }
}
