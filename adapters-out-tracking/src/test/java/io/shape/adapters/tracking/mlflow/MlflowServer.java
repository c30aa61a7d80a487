package io.shape.adapters.tracking.mlflow;

import io.shape.adapters.tracking.Prerequisites;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MLflow tracking server (from {@code .ci/mlflow-venv.sh}) on a free port with a SQLite store and
 * proxied artifacts in a temporary folder. Stops the processes it started (the server and its workers) by
 * their handles. Also bootstrap's fault tests' server (this module's test jar).
 */
public final class MlflowServer implements AutoCloseable {
    /** A cold start (Python imports, the SQLite migrations) is slow on a loaded machine (the reliability suite). */
    private static final Duration START_LIMIT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private MlflowServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static MlflowServer start(Path work) throws Exception {
        Path mlflow = Prerequisites.require(
                Prerequisites.locate("shape.mlflow.bin", "SHAPE_MLFLOW_BIN",
                        Prerequisites.repositoryRoot().resolve(".ci/.venv-mlflow/bin/mlflow")),
                "the mlflow executable", "run `bash .ci/mlflow-venv.sh` or set SHAPE_MLFLOW_BIN");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(work);
        Path log = work.resolve("mlflow-server.log");
        Process process = new ProcessBuilder(List.of(mlflow.toString(), "server", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--workers", "1",
                "--backend-store-uri", "sqlite:///" + work.resolve("mlflow.db"),
                "--artifacts-destination", work.resolve("artifacts").toString()))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MlflowServer server = new MlflowServer(process, port, log);
        server.awaitHealthy(START_LIMIT);
        return server;
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitHealthy(Duration limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(uri() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        String output = Files.exists(log) ? Files.readString(log) : "";
        close();
        throw new IllegalStateException("MLflow server did not become healthy within " + limit.toSeconds()
                + " s:\n" + output.substring(Math.max(0, output.length() - 4000)));
    }

    /** Stops the server and the worker processes it spawned (uvicorn, job runner), by their handles. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }
}
