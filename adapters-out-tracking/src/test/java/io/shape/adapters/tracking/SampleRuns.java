package io.shape.adapters.tracking;

import io.shape.domain.ErrorKind;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs and run events shaped like the seed job's (295 rows, 31 anomalies), for the adapter tests. */
public final class SampleRuns {
    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private SampleRuns() {
    }

    public static RunId runId(int n) {
        return new RunId(String.format("20261126-100000-%08x", n));
    }

    public static RunInputs inputs() {
        return new RunInputs("/repo/artifacts/pipeline.jsonc", "ab".repeat(32), "/repo/artifacts/model.pkl",
                "cd".repeat(32), "sklearn.svm.OneClassSVM", "/repo/data/dataset.parquet", "ef".repeat(32), null);
    }

    public static RunMetrics metrics() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("-1", 31L);
        counts.put("1", 264L);
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("fit:scaler", 0.25);
        phases.put("score", 1.5);
        return new RunMetrics(295, List.of(295L, 3L), List.of(295L, 66L), List.of("-1", "1"), counts, 2.0,
                147.5, phases);
    }

    public static RunOutputs outputs() {
        return new RunOutputs("/repo/output/x", "/repo/output/x/predictions", "/repo/output/x/metrics.json",
                "/repo/output/x/fitted_state.json", "/repo/output/x/run.json", "parquet");
    }

    /** The params a use case records: steps with class and parameters, features. */
    public static Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("features", List.of("vibration_x", "vibration_y", "vibration_z"));
        List<Object> steps = new ArrayList<>();
        steps.add(Map.of("name", "poly", "class", "PolynomialFeatures",
                "params", new LinkedHashMap<>(Map.of("degree", 2, "include_bias", true))));
        steps.add(Map.of("name", "scaler", "class", "StandardScaler", "params", Map.of()));
        params.put("steps", steps);
        params.put("notes", "x".repeat(7000));
        return params;
    }

    public static Run succeeded(RunId id) {
        Run run = Run.queued(id, "local", T0, inputs(), outputs()).started(T0.plusSeconds(1))
                .withParams(params());
        return run.succeeded(T0.plusSeconds(3), metrics());
    }

    public static Run started(RunId id) {
        return Run.queued(id, "local", T0, inputs(), outputs()).started(T0.plusSeconds(1)).withParams(params());
    }

    public static Run failed(RunId id) {
        return started(id).failed(T0.plusSeconds(2), new RunError(ErrorKind.INVALID_INPUT,
                "step 'scaler': column vibration_q not in data/dataset.parquet"));
    }

    /** The events of one successful run, in order: started, two steps, progress, succeeded. */
    public static List<RunEvent> events(RunId id) {
        return List.of(
                new RunEvent.RunStarted(eventId(), id, T0, "local", inputs()),
                new RunEvent.StepFitted(eventId(), id, T0.plusMillis(100), "poly", "PolynomialFeatures", 0.01),
                new RunEvent.StepFitted(eventId(), id, T0.plusMillis(200), "scaler", "StandardScaler", 0.02),
                new RunEvent.Progress(eventId(), id, T0.plusMillis(300), 295, 983.3),
                new RunEvent.RunSucceeded(eventId(), id, T0.plusSeconds(2), metrics(), outputs()));
    }

    public static String eventId() {
        return UUID.randomUUID().toString();
    }
}
