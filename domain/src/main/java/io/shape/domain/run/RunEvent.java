package io.shape.domain.run;

import java.time.Instant;
import java.util.Map;

/**
 * What a run tells its observers, in order. Every event carries the run id (the Kafka key, so a run's
 * events stay ordered), a unique event id (for de-duplication) and its time.
 */
public sealed interface RunEvent {
    /** Version of the event schema ({@code docs/events.md}). */
    int SCHEMA_VERSION = 1;

    String eventId();

    RunId runId();

    Instant at();

    record RunStarted(String eventId, RunId runId, Instant at, String engine, RunInputs inputs)
            implements RunEvent {}

    record StepFitted(String eventId, RunId runId, Instant at, String step, String sklearnClass,
                      double seconds) implements RunEvent {}

    record Progress(String eventId, RunId runId, Instant at, long rowsDone, double rowsPerS)
            implements RunEvent {}

    record RunSucceeded(String eventId, RunId runId, Instant at, RunMetrics metrics, RunOutputs outputs)
            implements RunEvent {}

    record RunFailed(String eventId, RunId runId, Instant at, String errorKind, String message,
                     Map<String, String> services) implements RunEvent {}
}
