package io.shape.adapters.tracking.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes run events as the versioned JSON documented in {@code docs/events.md}: one object per event with
 * {@code schema_version, event_id, type, run_id, time, sequence} and the fields of its type.
 *
 * <p>{@code sequence} counts a run's events from 0 so a consumer can restore their order even when some
 * arrive late (re-delivered from the spool after an outage). The counter of a run is dropped at its
 * terminal event.
 */
public final class RunEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<RunId, AtomicLong> sequences = new ConcurrentHashMap<>();

    /** The event's JSON text (one line, no trailing newline), numbering it within its run. */
    public String encode(RunEvent event) {
        long sequence = nextSequence(event);
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schema_version", RunEvent.SCHEMA_VERSION);
        node.put("event_id", event.eventId());
        node.put("type", typeOf(event));
        node.put("run_id", event.runId().value());
        node.put("time", event.at().toString());
        node.put("sequence", sequence);
        if (event instanceof RunEvent.RunStarted e) {
            node.put("engine", e.engine());
            node.set("inputs", inputs(e.inputs()));
        } else if (event instanceof RunEvent.StepFitted e) {
            node.put("step", e.step());
            node.put("sklearn_class", e.sklearnClass());
            putNumber(node, "seconds", e.seconds());
        } else if (event instanceof RunEvent.Progress e) {
            node.put("rows_done", e.rowsDone());
            putNumber(node, "rows_per_s", e.rowsPerS());
        } else if (event instanceof RunEvent.RunSucceeded e) {
            node.set("metrics", metrics(e.metrics()));
            node.set("outputs", outputs(e.outputs()));
        } else if (event instanceof RunEvent.RunFailed e) {
            node.put("error_kind", e.errorKind());
            node.put("message", e.message());
            ObjectNode services = node.putObject("services");
            if (e.services() != null) {
                e.services().forEach(services::put);
            }
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new ShapeException(ErrorKind.INTERNAL, "could not write run event " + event.eventId()
                    + " as JSON: " + e.getMessage(), e);
        }
    }

    /** The {@code type} field of an event: its record name in snake case, e.g. {@code run_started}. */
    public static String typeOf(RunEvent event) {
        if (event instanceof RunEvent.RunStarted) {
            return "run_started";
        } else if (event instanceof RunEvent.StepFitted) {
            return "step_fitted";
        } else if (event instanceof RunEvent.Progress) {
            return "progress";
        } else if (event instanceof RunEvent.RunSucceeded) {
            return "run_succeeded";
        }
        return "run_failed";
    }

    private long nextSequence(RunEvent event) {
        boolean terminal = event instanceof RunEvent.RunSucceeded || event instanceof RunEvent.RunFailed;
        long sequence = sequences.computeIfAbsent(event.runId(), id -> new AtomicLong()).getAndIncrement();
        if (terminal) {
            sequences.remove(event.runId());
        }
        return sequence;
    }

    private static ObjectNode inputs(RunInputs inputs) {
        if (inputs == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("spec_path", inputs.specPath());
        node.put("spec_sha256", inputs.specSha256());
        node.put("model_path", inputs.modelPath());
        node.put("model_sha256", inputs.modelSha256());
        node.put("model_class", inputs.modelClass());
        node.put("data_path", inputs.dataPath());
        node.put("data_fingerprint", inputs.dataFingerprint());
        node.put("fitted_state", inputs.fittedState());
        return node;
    }

    private static ObjectNode metrics(RunMetrics metrics) {
        if (metrics == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("rows", metrics.rows());
        longs(node.putArray("data_shape"), metrics.dataShape());
        longs(node.putArray("transformed_shape"), metrics.transformedShape());
        ArrayNode labels = node.putArray("unique_predictions");
        metrics.uniquePredictions().forEach(labels::add);
        ObjectNode counts = node.putObject("prediction_counts");
        metrics.predictionCounts().forEach(counts::put);
        putNumber(node, "duration_s", metrics.durationS());
        putNumber(node, "rows_per_s", metrics.rowsPerS());
        ObjectNode phases = node.putObject("phase_seconds");
        metrics.phaseSeconds().forEach((phase, seconds) -> putNumber(phases, phase, seconds));
        return node;
    }

    private static ObjectNode outputs(RunOutputs outputs) {
        if (outputs == null) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("directory", outputs.directory());
        node.put("predictions", outputs.predictions());
        node.put("metrics", outputs.metrics());
        node.put("fitted_state", outputs.fittedState());
        node.put("run_record", outputs.runRecord());
        node.put("format", outputs.format());
        return node;
    }

    private static void longs(ArrayNode array, List<Long> values) {
        values.forEach(array::add);
    }

    /** JSON has no NaN or infinity (a zero-length run has an infinite rate): those become null. */
    private static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
