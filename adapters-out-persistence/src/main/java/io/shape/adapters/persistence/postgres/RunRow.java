package io.shape.adapters.persistence.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shape.adapters.persistence.json.Json;
import io.shape.adapters.persistence.ProcessIdentity;
import io.shape.adapters.persistence.json.RunJson;
import io.shape.domain.run.Run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run record as a row of {@code runs}. Goes through {@link RunJson} both ways, so the columns carry the
 * contract's field names and values and there is one mapping of a run, not two.
 */
final class RunRow {
    /** Columns copied from the record's {@code inputs} object, same names. */
    private static final String[] INPUT_COLUMNS = {"spec_path", "spec_sha256", "model_path", "model_sha256",
            "model_class", "dataset_path", "dataset_fingerprint", "fitted_state"};
    private static final String[] TIME_COLUMNS = {"created_at", "started_at", "ended_at"};
    private static final String[] JSON_COLUMNS = {"params", "metrics", "outputs", "services"};

    static final String COLUMNS = "id, status, created_at, started_at, ended_at, engine, "
            + String.join(", ", INPUT_COLUMNS) + ", " + String.join(", ", JSON_COLUMNS)
            + ", error_kind, error_message, owner";

    /** Named parameters in {@link #COLUMNS} order, with the casts PostgreSQL needs for text binds. */
    static final String VALUES = ":id, :status, cast(:created_at as timestamptz), cast(:started_at as timestamptz), "
            + "cast(:ended_at as timestamptz), :engine, :" + String.join(", :", INPUT_COLUMNS)
            + ", cast(:params as jsonb), cast(:metrics as jsonb), cast(:outputs as jsonb), "
            + "cast(:services as jsonb), :error_kind, :error_message, cast(:owner as jsonb)";

    private RunRow() {
    }

    /** The values to bind, as text (null for SQL NULL); {@code owner} is kept only while the run is unfinished. */
    static Map<String, String> values(Run run, ProcessIdentity owner) {
        ObjectNode doc = RunJson.toJson(run);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("id", doc.get("run_id").asText());
        v.put("status", doc.get("status").asText());
        for (String c : TIME_COLUMNS) {
            v.put(c, text(doc.get(c)));
        }
        v.put("engine", text(doc.get("engine")));
        JsonNode inputs = doc.path("inputs");
        for (String c : INPUT_COLUMNS) {
            v.put(c, text(inputs.get(c)));
        }
        for (String c : JSON_COLUMNS) {
            JsonNode n = doc.get(c);
            v.put(c, n == null || n.isNull() ? null : n.toString());
        }
        JsonNode error = doc.get("error");
        v.put("error_kind", error == null || error.isNull() ? null : error.get("kind").asText());
        v.put("error_message", error == null || error.isNull() ? null : text(error.get("message")));
        v.put("owner", run.status().isTerminal() || owner == null ? null : owner.toJson().toString());
        return v;
    }

    /** The record in the current row of {@code rs}. */
    static Run read(ResultSet rs) throws SQLException {
        return RunJson.fromJson(document(rs));
    }

    /** The owner column of the current row, or null. */
    static ProcessIdentity owner(ResultSet rs) throws SQLException {
        return ProcessIdentity.fromJson(json(rs.getString("owner")));
    }

    private static ObjectNode document(ResultSet rs) throws SQLException {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("schema", RunJson.SCHEMA);
        doc.put("run_id", rs.getString("id"));
        doc.put("status", rs.getString("status"));
        doc.put("engine", rs.getString("engine"));
        for (String c : TIME_COLUMNS) {
            OffsetDateTime t = rs.getObject(c, OffsetDateTime.class);
            doc.put(c, t == null ? null : t.toInstant().toString());
        }
        ObjectNode inputs = doc.putObject("inputs");
        for (String c : INPUT_COLUMNS) {
            inputs.put(c, rs.getString(c));
        }
        for (String c : JSON_COLUMNS) {
            doc.set(c, json(rs.getString(c)));
        }
        restoreLabelOrder(doc.get("metrics"));
        String kind = rs.getString("error_kind");
        if (kind == null) {
            doc.putNull("error");
        } else {
            doc.putObject("error").put("kind", kind).put("message", rs.getString("error_message"));
        }
        return doc;
    }

    /**
     * JSONB keeps object keys sorted by length, not as written; prediction_counts is documented to be in
     * label order, which unique_predictions still holds (a JSON array keeps its order).
     */
    private static void restoreLabelOrder(JsonNode metrics) {
        if (metrics == null || !metrics.isObject() || !metrics.path("prediction_counts").isObject()) {
            return;
        }
        ObjectNode counts = (ObjectNode) metrics.get("prediction_counts");
        ObjectNode ordered = Json.MAPPER.createObjectNode();
        for (JsonNode label : metrics.path("unique_predictions")) {
            if (counts.has(label.asText())) {
                ordered.set(label.asText(), counts.get(label.asText()));
            }
        }
        counts.fields().forEachRemaining(f -> {
            if (!ordered.has(f.getKey())) {
                ordered.set(f.getKey(), f.getValue());
            }
        });
        ((ObjectNode) metrics).set("prediction_counts", ordered);
    }

    private static JsonNode json(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("a JSON column of runs cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
