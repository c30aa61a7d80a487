package io.shape.bootstrap.reliability;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real MLflow and Kafka servers for the fault tests, started from what {@code .ci/services.sh} provides
 * ({@code SHAPE_MLFLOW_BIN}, {@code SHAPE_KAFKA_LIBS}); skipped without them, failed on CI. (Like the
 * fixtures of adapters-out-tracking's tests, which bootstrap cannot see; the broker here can advertise a
 * proxy's port.) Each stops only the processes it started, by their handles.
 */
final class Services {
    private Services() {
    }

    static Path require(String env, String what) {
        String v = System.getenv(env);
        if (v != null && !v.isBlank() && Files.exists(Path.of(v))) {
            return Path.of(v);
        }
        String message = what + " not found: set " + env + " (eval the output of .ci/services.sh)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
        return null;
    }

    /** A KRaft broker listening on one port and advertising another (a proxy in front of it). */
    static final class Kafka implements AutoCloseable {
        private final Path work;
        private final Path libs;
        private Process process;
        private int starts;

        private Kafka(Path work, Path libs) {
            this.work = work;
            this.libs = libs;
        }

        static Kafka start(Path work, int port, int advertisedPort) throws Exception {
            Path libs = require("SHAPE_KAFKA_LIBS", "Kafka broker jars");
            int controller = TcpProxy.freePort();
            Files.createDirectories(work.resolve("data"));
            Files.writeString(work.resolve("server.properties"), String.join("\n",
                    "process.roles=broker,controller", "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controller,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + advertisedPort,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT", "log.dirs=" + work.resolve("data"),
                    "num.partitions=1", "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0", ""));
            Kafka kafka = new Kafka(work, libs);
            String id = kafka.tool("random-uuid").strip();
            id = id.substring(id.lastIndexOf('\n') + 1).strip();
            kafka.tool("format", "-t", id, "-c", work.resolve("server.properties").toString());
            kafka.restart();
            return kafka;
        }

        void restart() throws Exception {
            Path log = work.resolve("broker-" + (++starts) + ".log");
            List<String> command = java("kafka.Kafka", work.resolve("server.properties").toString());
            command.add(1, "-Xmx384m");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (Files.readString(log, StandardCharsets.UTF_8).contains("Kafka Server started")) {
                    return;
                }
                Thread.sleep(100);
            }
            String tail = Files.readString(log);
            stop();
            throw new IllegalStateException("Kafka did not start:\n" + tail.substring(Math.max(0, tail.length() - 3000)));
        }

        void stop() throws InterruptedException {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                process = null;
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }

        private String tool(String... args) throws IOException, InterruptedException {
            Process tool = new ProcessBuilder(java("kafka.tools.StorageTool", args)).redirectErrorStream(true).start();
            byte[] out = tool.getInputStream().readAllBytes();
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException("StorageTool failed:\n" + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        }

        private List<String> java(String main, String... args) {
            List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", libs.resolve("*").toString(),
                    "-Dlog4j2.configurationFile=" + InProcess.REPO.resolve(".ci/kafka/log4j2.properties"), main));
            c.addAll(List.of(args));
            return c;
        }
    }

    /** An MLflow tracking server with a SQLite store on a free port. */
    static final class Mlflow implements AutoCloseable {
        private final Process process;
        final int port;

        private Mlflow(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Mlflow start(Path work) throws Exception {
            Path mlflow = require("SHAPE_MLFLOW_BIN", "the mlflow executable");
            int port = TcpProxy.freePort();
            Files.createDirectories(work);
            Path log = work.resolve("mlflow.log");
            Process p = new ProcessBuilder(List.of(mlflow.toString(), "server", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--workers", "1", "--backend-store-uri", "sqlite:///" + work.resolve("mlflow.db"),
                    "--artifacts-destination", work.resolve("artifacts").toString()))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Mlflow server = new Mlflow(p, port);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 200) {
                        return server;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(250);
            }
            String out = Files.readString(log);
            server.close();
            throw new IllegalStateException("MLflow did not start:\n" + out.substring(Math.max(0, out.length() - 3000)));
        }

        @Override
        public void close() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle c : children) {
                try {
                    c.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    c.destroyForcibly();
                }
            }
        }
    }
}
