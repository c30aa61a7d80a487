package io.shape.adapters.tracking.kafka;

import io.shape.adapters.tracking.Prerequisites;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker in its own JVM, from the jars {@code .ci/kafka.sh libs} lays out. The
 * tests stop and restart it (same storage, same port) to simulate an outage. Also bootstrap's fault tests'
 * broker (this module's test jar), which it can put behind a proxy by advertising the proxy's port.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Startup, a JVM and a KRaft quorum of one, is slow on a loaded machine (the reliability suite). */
    private static final int START_LIMIT_S = 90;

    private final Path libs;
    private final Path work;
    private final int advertisedPort;
    private Process process;
    private int starts;

    private KafkaBroker(Path libs, Path work, int advertisedPort) {
        this.libs = libs;
        this.work = work;
        this.advertisedPort = advertisedPort;
    }

    /** Formats storage in a fresh folder under {@code work} and starts the broker on a free port. */
    public static KafkaBroker start(Path work) throws Exception {
        int port = freePort();
        return start(work, port, port);
    }

    /**
     * The same, listening on {@code port} and telling clients to connect to {@code advertisedPort} (where a
     * proxy in front of the broker listens).
     */
    public static KafkaBroker start(Path work, int port, int advertisedPort) throws Exception {
        Path libs = Prerequisites.require(
                Prerequisites.locate("shape.kafka.libs", "SHAPE_KAFKA_LIBS",
                        Prerequisites.repositoryRoot().resolve(".ci/kafka/libs/kafka_2.13-4.3.1.jar"))
                        .map(p -> Files.isDirectory(p) ? p : p.getParent()),
                "Kafka broker jars", "run `bash .ci/kafka.sh libs` or set SHAPE_KAFKA_LIBS to a folder of "
                        + "kafka_2.13 4.3.1 runtime jars");
        int controller = freePort();
        Files.createDirectories(work.resolve("data"));
        Files.writeString(work.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + advertisedPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + work.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        KafkaBroker broker = new KafkaBroker(libs, work, advertisedPort);
        String clusterId = broker.runTool("random-uuid").strip();
        clusterId = clusterId.substring(clusterId.lastIndexOf('\n') + 1).strip();
        broker.runTool("format", "-t", clusterId, "-c", work.resolve("server.properties").toString());
        broker.restart();
        return broker;
    }

    /** Where clients connect: the advertised port. */
    public String bootstrapServers() {
        return "127.0.0.1:" + advertisedPort;
    }

    /** Starts the broker process again on its storage and waits for "Kafka Server started". */
    public void restart() throws Exception {
        Path log = work.resolve("broker-" + (++starts) + ".log");
        List<String> command = java("kafka.Kafka", work.resolve("server.properties").toString());
        command.add(1, "-Xmx384m");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_LIMIT_S);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Kafka Server started")) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        String tail = Files.exists(log) ? Files.readString(log) : "";
        stop();
        throw new IllegalStateException("Kafka broker did not start within " + START_LIMIT_S + " s:\n"
                + tail.substring(Math.max(0, tail.length() - 4000)));
    }

    /** Stops the broker process (the one this fixture started, by its handle) and waits for it to end. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private String runTool(String... args) throws IOException, InterruptedException {
        List<String> command = java("kafka.tools.StorageTool", args);
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = tool.getInputStream().readAllBytes();
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException("StorageTool " + String.join(" ", args) + " failed:\n"
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private List<String> java(String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(libs.resolve("*").toString());
        command.add("-Dlog4j2.configurationFile="
                + Prerequisites.repositoryRoot().resolve(".ci/kafka/log4j2.properties"));
        command.add(main);
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
