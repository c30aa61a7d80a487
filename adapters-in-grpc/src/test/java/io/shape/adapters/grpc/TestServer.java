package io.shape.adapters.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shape.application.port.in.ScoreCommand;
import io.shape.application.service.RunEventLog;
import io.shape.application.service.RunSubmissions;
import io.shape.domain.data.DataFormat;
import io.shape.domain.port.RunEvents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;

/** A real server on a loopback port with the real submissions and event log and a fake scoring service. */
final class TestServer implements AutoCloseable {
    final Path root;
    final InMemoryRuns store = new InMemoryRuns();
    final RunEventLog events = new RunEventLog(RunEvents.NONE, 64, 100);
    final FakeScoring scoring;
    final RunSubmissions submissions;
    final RecordedDrains drains;
    final GrpcServer server;
    final GrpcServerConfig config;

    /**
     * @param batches progress batches per run
     * @param hold    when not null, each batch of each run waits for a permit
     */
    TestServer(Path root, int threads, int queue, int batches, Semaphore hold,
               UnaryOperator<GrpcServerConfig> configure) throws IOException {
        this.root = root;
        Files.writeString(root.resolve("spec.jsonc"), "{}");
        Files.writeString(root.resolve("model.pkl"), "");
        Files.createDirectories(root.resolve("data"));
        scoring = new FakeScoring(store, events, batches, hold);
        submissions = new RunSubmissions(scoring, id -> false, store, store, events, Clock.systemUTC(), threads, queue);
        config = configure.apply(new GrpcServerConfig("127.0.0.1", 0, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(root), 64 * 1024, Duration.ofSeconds(5)));
        drains = new RecordedDrains(submissions);
        server = GrpcServer.start(config, new GrpcServer.Ports(drains, submissions, submissions, events),
                Clock.systemUTC());
    }

    RunServiceClient client() {
        return client(Optional.empty());
    }

    RunServiceClient client(Optional<String> token) {
        return RunServiceClient.connect("127.0.0.1:" + server.port(), token, Optional.empty());
    }

    ManagedChannel rawChannel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    ScoreCommand command() {
        return new ScoreCommand(Optional.of(root.resolve("spec.jsonc")), root.resolve("data").toString(), Optional.empty(),
                Optional.empty(), "local", DataFormat.PARQUET, Optional.empty(), Map.of());
    }

    @Override
    public void close() {
        server.stop();
    }
}
