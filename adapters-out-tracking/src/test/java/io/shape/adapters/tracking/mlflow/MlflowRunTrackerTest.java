package io.shape.adapters.tracking.mlflow;

import io.shape.adapters.tracking.SampleRuns;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.run.Run;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the tracker sends and how it behaves without a healthy server (no MLflow needed). */
class MlflowRunTrackerTest {
    private static final RunOrigin ORIGIN = new RunOrigin("0.1.0", null, "u", "h");

    /** The refusal is the answer: the call ends on it, not on the request timeout (whose message differs). */
    @Test
    void nothingListeningIsUnavailableOnTheRefusalNotTheTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (MlflowRunTracker tracker = new MlflowRunTracker(MlflowConfig.of("http://127.0.0.1:" + port), ORIGIN)) {
            ShapeException e = assertThrows(ShapeException.class,
                    () -> tracker.started(SampleRuns.started(SampleRuns.runId(1))));
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
            assertFalse(e.getMessage().contains("did not answer"), e.getMessage());
        }
    }

    @Test
    void aServerThatNeverAnswersIsCutOffAtTheRequestTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(30_000);
                } catch (Exception done) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            MlflowConfig config = MlflowConfig.of("http://127.0.0.1:" + silent.getLocalPort())
                    .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));
            try (MlflowRunTracker tracker = new MlflowRunTracker(config, ORIGIN)) {
                ShapeException e = assertThrows(ShapeException.class,
                        () -> tracker.started(SampleRuns.started(SampleRuns.runId(2))));
                assertEquals(ErrorKind.UNAVAILABLE, e.kind());
                // the configured request timeout is the one that cut the call off (the default is 10 s)
                assertTrue(e.getMessage().contains("did not answer") && e.getMessage().contains("within 1000 ms"),
                        e.getMessage());
            }
            acceptor.interrupt();
        }
    }

    @Test
    void onlyHttpUrisAreAccepted() {
        ShapeException e = assertThrows(ShapeException.class, () -> MlflowConfig.of("file:///tmp/mlruns"));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertFalse(MlflowConfig.of("http://h:5000").withExperiment(null).experiment().isBlank());
        assertEquals("shape", MlflowConfig.of("http://h:5000/").experiment());
        assertEquals("http://h:5000", MlflowConfig.of("http://h:5000/").trackingUri().toString());
        MlflowConfig secret = new MlflowConfig(java.net.URI.create("https://h"), null, "t0ken", null, null, null, null);
        assertEquals("Bearer t0ken", secret.authorization());
        assertFalse(secret.toString().contains("t0ken"));
    }

    @Test
    void paramsFlattenStepsFeaturesAndInputsWithinLimits() {
        Map<String, String> params = MlflowParams.of(SampleRuns.succeeded(SampleRuns.runId(3)));
        assertEquals("PolynomialFeatures", params.get("steps.poly.class"));
        assertEquals("true", params.get("steps.poly.params.include_bias"));
        assertEquals("[vibration_x, vibration_y, vibration_z]", params.get("features"));
        assertEquals("/repo/artifacts/model.pkl", params.get("model.path"));
        assertEquals("local", params.get("engine"));
        assertEquals(MlflowLimits.PARAM_VALUE_LENGTH, params.get("notes").length());
        assertEquals("a_b_c", MlflowLimits.key("a:b*c"));
        assertEquals(250, MlflowLimits.key("k".repeat(300)).length());
    }

    @Test
    void metricsCountLabelsAndTheAnomalyRate() {
        Run run = SampleRuns.succeeded(SampleRuns.runId(4));
        Map<String, Double> metrics = MlflowMetrics.of(run);
        assertEquals(31.0, metrics.get("prediction_count_-1"));
        assertEquals(264.0, metrics.get("prediction_count_1"));
        assertEquals(31.0 / 295.0, metrics.get("anomaly_rate"));
        assertEquals(2.0, metrics.get("duration_s"));
        assertEquals(2.0, metrics.get("wall_seconds"));
        assertEquals(1.5, metrics.get("phase_seconds.score"));
        assertEquals(List.of(), List.copyOf(MlflowMetrics.of(SampleRuns.failed(SampleRuns.runId(5)))
                .keySet().stream().filter(k -> k.startsWith("prediction")).toList()));
    }

    @Test
    void artifactRootFollowsTheServersArtifactUri() {
        assertEquals("1/abc/artifacts", ArtifactProxy.runRoot("mlflow-artifacts:/1/abc/artifacts", "1", "abc"));
        assertEquals("1/abc/artifacts", ArtifactProxy.runRoot("mlflow-artifacts://h:5000/1/abc/artifacts", "1", "abc"));
        assertEquals("7/r/artifacts", ArtifactProxy.runRoot("s3://bucket/7/r/artifacts", "7", "r"));
    }
}
