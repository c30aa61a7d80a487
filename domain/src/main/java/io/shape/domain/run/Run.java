package io.shape.domain.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one scoring run: what went in, what came out, how it ended. Immutable; each transition
 * returns a new record. Nullable fields are null until the run gets that far.
 *
 * @param services what happened with each downstream service (tracking, events, run store, sinks):
 *                 e.g. {@code "tracking" → "unreachable: connection refused"}; empty when all went well
 */
public record Run(RunId id, RunStatus status, String engine, Instant createdAt, Instant startedAt,
                  Instant endedAt, RunInputs inputs, Map<String, Object> params, RunMetrics metrics,
                  RunOutputs outputs, RunError error, Map<String, String> services) {
    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        services = services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** A new run, queued. */
    public static Run queued(RunId id, String engine, Instant now, RunInputs inputs, RunOutputs outputs) {
        return new Run(id, RunStatus.QUEUED, engine, now, null, null, inputs, Map.of(), null, outputs, null,
                Map.of());
    }

    public Run started(Instant now) {
        return new Run(id, RunStatus.RUNNING, engine, createdAt, now, null, inputs, params, metrics, outputs,
                null, services);
    }

    public Run withInputs(RunInputs newInputs) {
        return new Run(id, status, engine, createdAt, startedAt, endedAt, newInputs, params, metrics, outputs,
                error, services);
    }

    public Run withParams(Map<String, Object> newParams) {
        return new Run(id, status, engine, createdAt, startedAt, endedAt, inputs, newParams, metrics, outputs,
                error, services);
    }

    public Run succeeded(Instant now, RunMetrics runMetrics) {
        return new Run(id, RunStatus.SUCCEEDED, engine, createdAt, startedAt, now, inputs, params, runMetrics,
                outputs, null, services);
    }

    public Run failed(Instant now, RunError runError) {
        RunStatus end = runError.kind() == io.shape.domain.ErrorKind.CANCELLED ? RunStatus.CANCELLED
                : RunStatus.FAILED;
        return new Run(id, end, engine, createdAt, startedAt, now, inputs, params, metrics, outputs, runError,
                services);
    }

    /** Records what happened with a downstream service. */
    public Run withService(String service, String outcome) {
        Map<String, String> next = new LinkedHashMap<>(services);
        next.put(service, outcome);
        return new Run(id, status, engine, createdAt, startedAt, endedAt, inputs, params, metrics, outputs,
                error, next);
    }
}
