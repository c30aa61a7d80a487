package io.shape.adapters.tracking.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.adapters.tracking.SampleRuns;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.run.RunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real MLflow server: what the tracker records is what the REST API reads back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlflowRunTrackerIntegrationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    static MlflowServer server;
    static MlflowRunTracker tracker;

    @BeforeAll
    static void startServer() throws Exception {
        server = MlflowServer.start(work.resolve("server"));
        tracker = new MlflowRunTracker(MlflowConfig.of(server.uri()).withExperiment("shape-it"),
                new RunOrigin("0.1.0-test", "0123abcd", "tester", "test-host"));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (tracker != null) {
            tracker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void successfulRunIsRecordedWithParamsMetricsInputsAndArtifacts(@TempDir Path output) throws Exception {
        RunId id = SampleRuns.runId(11);
        Path metricsJson = Files.writeString(output.resolve("metrics.json"), "{\"rows\": 295}\n");
        Path runJson = Files.writeString(output.resolve("run.json"), "{\"status\": \"SUCCEEDED\"}\n");
        Path state = Files.createDirectories(output.resolve("state"));
        Files.write(state.resolve("fitted_state.json"), new byte[]{0, 1, 2, (byte) 255});

        tracker.started(SampleRuns.started(id));
        tracker.ended(SampleRuns.succeeded(id), List.of(metricsJson, runJson, state));

        JsonNode run = findRun("shape-it", id);
        assertEquals("FINISHED", run.at("/info/status").asText());
        assertEquals(id.value(), run.at("/info/run_name").asText());

        Map<String, String> params = pairs(run.at("/data/params"));
        assertEquals("sklearn.svm.OneClassSVM", params.get("model.class"));
        assertEquals("cd".repeat(32), params.get("model.sha256"));
        assertEquals("/repo/data/dataset.parquet", params.get("dataset.path"));
        assertEquals("ef".repeat(32), params.get("dataset.fingerprint"));
        assertEquals("PolynomialFeatures", params.get("steps.poly.class"));
        assertEquals("2", params.get("steps.poly.params.degree"));
        assertEquals("{}", params.get("steps.scaler.params"));
        assertEquals("[vibration_x, vibration_y, vibration_z]", params.get("features"));
        assertEquals(6000, params.get("notes").length());
        assertTrue(params.get("notes").endsWith("… (7000 chars)"), params.get("notes"));

        Map<String, String> metrics = pairs(run.at("/data/metrics"));
        assertEquals(295.0, Double.parseDouble(metrics.get("rows")));
        assertEquals(31.0, Double.parseDouble(metrics.get("prediction_count_-1")));
        assertEquals(264.0, Double.parseDouble(metrics.get("prediction_count_1")));
        assertEquals(31.0 / 295.0, Double.parseDouble(metrics.get("anomaly_rate")), 1e-15);
        assertEquals(147.5, Double.parseDouble(metrics.get("rows_per_s")));
        assertEquals(0.25, Double.parseDouble(metrics.get("phase_seconds.fit.scaler")));
        assertEquals(66.0, Double.parseDouble(metrics.get("transformed_columns")));

        Map<String, String> tags = pairs(run.at("/data/tags"));
        assertEquals("local", tags.get("shape.engine"));
        assertEquals("0.1.0-test", tags.get("shape.version"));
        assertEquals("0123abcd", tags.get("mlflow.source.git.commit"));
        assertEquals("test-host", tags.get("shape.host"));

        JsonNode dataset = run.at("/inputs/dataset_inputs/0/dataset");
        assertEquals("dataset.parquet", dataset.get("name").asText());
        assertEquals("ef".repeat(8), dataset.get("digest").asText());

        String root = ArtifactProxy.runRoot(run.at("/info/artifact_uri").asText(),
                run.at("/info/experiment_id").asText(), run.at("/info/run_id").asText());
        assertArrayEquals(Files.readAllBytes(metricsJson), artifact(root + "/metrics.json"));
        assertArrayEquals(Files.readAllBytes(runJson), artifact(root + "/run.json"));
        assertArrayEquals(new byte[]{0, 1, 2, (byte) 255}, artifact(root + "/state/fitted_state.json"));
    }

    @Test
    @Order(2)
    void failedRunEndsFailedWithItsErrorAsTags() throws Exception {
        RunId id = SampleRuns.runId(12);
        tracker.started(SampleRuns.started(id));
        tracker.ended(SampleRuns.failed(id).withService("events", "spooled 2 events"), List.of());

        JsonNode run = findRun("shape-it", id);
        assertEquals("FAILED", run.at("/info/status").asText());
        Map<String, String> tags = pairs(run.at("/data/tags"));
        assertEquals("INVALID_INPUT", tags.get("shape.error.kind"));
        assertTrue(tags.get("shape.error.message").contains("vibration_q"));
        assertEquals("spooled 2 events", tags.get("shape.service.events"));
    }

    @Test
    @Order(3)
    void runStartedWhileTheServerWasDownIsRecordedAtItsEnd() throws Exception {
        RunId id = SampleRuns.runId(13);
        // No started(): as after a failed start. ended() opens the MLflow run itself.
        tracker.ended(SampleRuns.succeeded(id), List.of());
        JsonNode run = findRun("shape-it", id);
        assertEquals("FINISHED", run.at("/info/status").asText());
        assertEquals("PolynomialFeatures", pairs(run.at("/data/params")).get("steps.poly.class"));
    }

    @Test
    @Order(4)
    void stoppedServerIsReportedFastAsUnavailable() throws Exception {
        server.close();
        RunId id = SampleRuns.runId(14);
        ShapeException atStart = assertThrows(ShapeException.class, () -> tracker.started(SampleRuns.started(id)));
        ShapeException atEnd = assertThrows(ShapeException.class,
                () -> tracker.ended(SampleRuns.succeeded(id), List.of()));
        assertEquals(ErrorKind.UNAVAILABLE, atStart.kind());
        assertEquals(ErrorKind.UNAVAILABLE, atEnd.kind());
        assertTrue(atStart.getMessage().contains(server.uri()), atStart.getMessage());
        // fast: each call ends on the closed port, none waits out the request timeout
        assertFalse(atStart.getMessage().contains("did not answer"), atStart.getMessage());
        assertFalse(atEnd.getMessage().contains("did not answer"), atEnd.getMessage());
    }

    private static JsonNode findRun(String experiment, RunId id) throws Exception {
        JsonNode exp = get("/api/2.0/mlflow/experiments/get-by-name?experiment_name="
                + URLEncoder.encode(experiment, StandardCharsets.UTF_8));
        String body = MAPPER.createObjectNode()
                .put("filter", "attributes.run_name = '" + id.value() + "'")
                .set("experiment_ids", MAPPER.createArrayNode().add(exp.at("/experiment/experiment_id").asText()))
                .toString();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(server.uri() + "/api/2.0/mlflow/runs/search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode runs = MAPPER.readTree(response.body()).get("runs");
        assertEquals(1, runs.size(), "one MLflow run named " + id);
        return get("/api/2.0/mlflow/runs/get?run_id=" + runs.get(0).at("/info/run_id").asText()).get("run");
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return MAPPER.readTree(response.body());
    }

    private static byte[] artifact(String path) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri()
                        + "/api/2.0/mlflow-artifacts/artifacts/" + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private static Map<String, String> pairs(JsonNode list) {
        Map<String, String> map = new HashMap<>();
        list.forEach(node -> map.put(node.get("key").asText(), node.get("value").asText()));
        return map;
    }
}
