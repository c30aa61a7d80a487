package io.shape.adapters.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.shape.adapters.grpc.v1.RunServiceGrpc;
import io.shape.application.port.in.CancelRunUseCase;
import io.shape.application.port.in.RunEventFeed;
import io.shape.application.port.in.RunQueries;
import io.shape.application.port.in.SubmitRunUseCase;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The shape gRPC server: RunService (behind the bearer token when one is configured), health (open, for
 * probes) and reflection; TLS when a certificate is configured. Stops gracefully.
 */
public final class GrpcServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GrpcServer.class.getName());

    private final Server server;
    private final SubmitRunUseCase submissions;
    private final HealthStatusManager health;
    private final ExecutorService drains;
    private final GrpcServerConfig config;
    private boolean stopped;

    private GrpcServer(Server server, SubmitRunUseCase submissions, HealthStatusManager health,
                       ExecutorService drains, GrpcServerConfig config) {
        this.server = server;
        this.submissions = submissions;
        this.health = health;
        this.drains = drains;
        this.config = config;
    }

    /** The application's in-ports the service serves; {@code RunSubmissions} and {@code RunEventLog} in production. */
    public record Ports(SubmitRunUseCase submissions, RunQueries runs, CancelRunUseCase cancels, RunEventFeed feed) {
    }

    /** Binds and starts serving; fails when the address is taken or the TLS files cannot be read. */
    public static GrpcServer start(GrpcServerConfig config, Ports ports, Clock clock) throws IOException {
        ExecutorService drains = Executors.newFixedThreadPool(2, daemonThreads("shape-grpc-watch-"));
        RunServiceEndpoint endpoint = new RunServiceEndpoint(ports.submissions(), ports.runs(), ports.cancels(),
                ports.feed(), new RequestPaths(config.allowedRoots()), drains, clock);
        HealthStatusManager health = new HealthStatusManager();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
        Server server = NettyServerBuilder.forAddress(address, credentials(config))
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                .maxInboundMetadataSize(8 * 1024)
                .addService(guarded(endpoint.bindService(), config))
                .addService(guarded(ProtoReflectionServiceV1.newInstance().bindService(), config))
                .addService(health.getHealthService())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            drains.shutdownNow();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(RunServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
        LOG.info(() -> "shape gRPC server on " + config.bindAddress() + ":" + server.getPort()
                + (config.certChain().isPresent() ? " (TLS)" : " (plaintext)")
                + (config.token().isPresent() ? ", token required" : ""));
        return new GrpcServer(server, ports.submissions(), health, drains, config);
    }

    private static ServerCredentials credentials(GrpcServerConfig config) throws IOException {
        if (config.certChain().isEmpty()) {
            return InsecureServerCredentials.create();
        }
        return TlsServerCredentials.create(config.certChain().get().toFile(), config.privateKey().get().toFile());
    }

    private static ServerServiceDefinition guarded(ServerServiceDefinition service, GrpcServerConfig config) {
        if (config.token().isEmpty()) {
            return service;
        }
        ServerInterceptor check = new BearerTokenCheck(config.token().get());
        return ServerInterceptors.intercept(service, check);
    }

    /** The port listened on (the real one when the configuration said 0). */
    public int port() {
        return server.getPort();
    }

    /** Blocks until the server has stopped (for a foreground {@code shape serve}). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops taking calls and runs, cancels queued runs, lets running ones finish within the configured grace
     * (then cancels them), lets watchers see the ends, then closes the remaining calls.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        health.enterTerminalState();
        server.shutdown();
        boolean allEnded = submissions.drain(config.shutdownGrace());
        if (!allEnded) {
            LOG.warning("some runs were still running after the shutdown grace and its cancellation");
        }
        try {
            if (!server.awaitTermination(Math.max(1, config.shutdownGrace().toSeconds()), TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        drains.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
