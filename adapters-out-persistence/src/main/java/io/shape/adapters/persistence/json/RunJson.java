package io.shape.adapters.persistence.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.domain.ErrorKind;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;
import io.shape.domain.run.RunStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a run record ({@code run.json}, the JSON run store, PostgreSQL's JSONB columns), with the
 * field names of the user contract ({@code run_id}, {@code status}, ...). Versioned by {@code schema}.
 */
public final class RunJson {
    public static final int SCHEMA = 1;

    private RunJson() {
    }

    public static ObjectNode toJson(Run run) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("schema", SCHEMA);
        o.put("run_id", run.id().value());
        o.put("status", run.status().name());
        o.put("engine", run.engine());
        o.put("created_at", text(run.createdAt()));
        o.put("started_at", text(run.startedAt()));
        o.put("ended_at", text(run.endedAt()));
        o.set("inputs", inputs(run.inputs()));
        o.set("params", Json.MAPPER.valueToTree(run.params()));
        o.set("metrics", run.metrics() == null ? null : metrics(run.metrics()));
        o.set("outputs", Json.MAPPER.valueToTree(outputs(run.outputs())));
        if (run.error() != null) {
            ObjectNode e = o.putObject("error");
            e.put("kind", run.error().kind().name());
            e.put("message", run.error().message());
        } else {
            o.putNull("error");
        }
        o.set("services", Json.MAPPER.valueToTree(run.services()));
        return o;
    }

    public static ObjectNode metrics(RunMetrics m) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("rows", m.rows());
        o.set("data_shape", Json.MAPPER.valueToTree(m.dataShape()));
        o.set("transformed_data_shape", Json.MAPPER.valueToTree(m.transformedShape()));
        o.set("unique_predictions", Json.MAPPER.valueToTree(m.uniquePredictions()));
        o.set("prediction_counts", Json.MAPPER.valueToTree(m.predictionCounts()));
        o.put("duration_s", m.durationS());
        o.put("rows_per_s", m.rowsPerS());
        o.set("phase_seconds", Json.MAPPER.valueToTree(m.phaseSeconds()));
        return o;
    }

    public static Run fromJson(JsonNode o) {
        RunError error = null;
        JsonNode e = o.get("error");
        if (e != null && !e.isNull()) {
            error = new RunError(ErrorKind.valueOf(e.get("kind").asText()), e.get("message").asText());
        }
        JsonNode m = o.get("metrics");
        return new Run(new RunId(o.get("run_id").asText()), RunStatus.valueOf(o.get("status").asText()),
                textOrNull(o.get("engine")), instant(o.get("created_at")), instant(o.get("started_at")),
                instant(o.get("ended_at")), readInputs(o.get("inputs")), plainMap(o.get("params")),
                m == null || m.isNull() ? null : readMetrics(m), readOutputs(o.get("outputs")), error,
                stringMap(o.get("services")));
    }

    public static RunMetrics readMetrics(JsonNode m) {
        Map<String, Long> counts = new LinkedHashMap<>();
        m.get("prediction_counts").fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asLong()));
        Map<String, Double> phases = new LinkedHashMap<>();
        JsonNode p = m.get("phase_seconds");
        if (p != null) {
            p.fields().forEachRemaining(f -> phases.put(f.getKey(), f.getValue().asDouble()));
        }
        return new RunMetrics(m.get("rows").asLong(), longs(m.get("data_shape")),
                longs(m.get("transformed_data_shape")), strings(m.get("unique_predictions")), counts,
                m.get("duration_s").asDouble(), m.get("rows_per_s").asDouble(), phases);
    }

    private static ObjectNode inputs(RunInputs in) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (in == null) {
            return o;
        }
        o.put("spec_path", in.specPath());
        o.put("spec_sha256", in.specSha256());
        o.put("model_path", in.modelPath());
        o.put("model_sha256", in.modelSha256());
        o.put("model_class", in.modelClass());
        o.put("dataset_path", in.dataPath());
        o.put("dataset_fingerprint", in.dataFingerprint());
        o.put("fitted_state", in.fittedState());
        return o;
    }

    private static RunInputs readInputs(JsonNode o) {
        if (o == null || o.isNull()) {
            return null;
        }
        return new RunInputs(textOrNull(o.get("spec_path")), textOrNull(o.get("spec_sha256")),
                textOrNull(o.get("model_path")), textOrNull(o.get("model_sha256")),
                textOrNull(o.get("model_class")), textOrNull(o.get("dataset_path")),
                textOrNull(o.get("dataset_fingerprint")), textOrNull(o.get("fitted_state")));
    }

    private static Map<String, String> outputs(RunOutputs out) {
        Map<String, String> m = new LinkedHashMap<>();
        if (out != null) {
            m.put("directory", out.directory());
            m.put("predictions", out.predictions());
            m.put("metrics", out.metrics());
            m.put("fitted_state", out.fittedState());
            m.put("run", out.runRecord());
            m.put("format", out.format());
        }
        return m;
    }

    private static RunOutputs readOutputs(JsonNode o) {
        if (o == null || o.isNull() || o.isEmpty()) {
            return null;
        }
        return new RunOutputs(textOrNull(o.get("directory")), textOrNull(o.get("predictions")),
                textOrNull(o.get("metrics")), textOrNull(o.get("fitted_state")), textOrNull(o.get("run")),
                textOrNull(o.get("format")));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<Long> longs(JsonNode n) {
        List<Long> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asLong()));
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && !n.isNull()) {
            n.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainMap(JsonNode n) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        return Json.MAPPER.convertValue(n, LinkedHashMap.class);
    }
}
