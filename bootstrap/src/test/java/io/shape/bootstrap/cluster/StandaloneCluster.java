package io.shape.bootstrap.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Spark standalone cluster (master + 2 workers) started and stopped through .ci/spark-cluster.sh. */
final class StandaloneCluster implements AutoCloseable {
    private final Path script;
    private final Path work;
    private final Map<String, String> env;
    private final int masterPort;
    private final int webuiPort;
    private final List<Integer> workerWebuiPorts;

    private StandaloneCluster(Path script, Path work, int masterPort, int webuiPort, List<Integer> workerWebuiPorts) {
        this.script = script;
        this.work = work;
        this.masterPort = masterPort;
        this.webuiPort = webuiPort;
        this.workerWebuiPorts = workerWebuiPorts;
        this.env = Map.of("SPARK_CLUSTER_WORK", work.toString(), "SPARK_MASTER_PORT", String.valueOf(masterPort),
                "SPARK_MASTER_WEBUI_PORT", String.valueOf(webuiPort),
                "SPARK_WORKER1_WEBUI_PORT", String.valueOf(workerWebuiPorts.get(0)),
                "SPARK_WORKER2_WEBUI_PORT", String.valueOf(workerWebuiPorts.get(1)));
    }

    /** Starts a cluster on free loopback ports; throws with the script's output when it cannot. */
    static StandaloneCluster start(Path repoRoot, Path work) throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(repoRoot.resolve(".ci/spark-cluster.sh"), work,
                freePort(), freePort(), List.of(freePort(), freePort()));
        String output = cluster.script("start", Duration.ofMinutes(5));
        if (!output.contains(cluster.masterUrl())) {
            throw new IllegalStateException("the cluster did not start: " + output);
        }
        return cluster;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The web UI port of worker 1 or 2 (executor log URLs name it, which is how executors map to workers). */
    int workerWebuiPort(int worker) {
        return workerWebuiPorts.get(worker - 1);
    }

    long workerPid(int worker) throws IOException {
        return Long.parseLong(Files.readString(work.resolve("worker" + worker + ".pid")).trim());
    }

    /** The master's JSON status. */
    String status() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + webuiPort + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    int aliveWorkers() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(status());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop", Duration.ofMinutes(1));
    }

    private String script(String command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("spark-cluster-" + command, ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = new HashMap<>(builder.environment());
        environment.putAll(env);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(".ci/spark-cluster.sh " + command + " took over " + timeout
                    + ": " + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(".ci/spark-cluster.sh " + command + " failed (exit "
                    + process.exitValue() + "): " + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
