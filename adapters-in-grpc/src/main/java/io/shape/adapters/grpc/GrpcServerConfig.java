package io.shape.adapters.grpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gRPC server listens and what it accepts.
 *
 * @param bindAddress            interface to listen on; loopback unless the server is meant to be reachable
 * @param port                   0 for any free port
 * @param token                  when present, every RunService call must send {@code authorization: Bearer <token>}
 * @param certChain              PEM certificate chain; with {@code privateKey}, the server speaks TLS only
 * @param privateKey             PEM PKCS#8 private key
 * @param allowedRoots           request paths must resolve under one of these; relative ones resolve against the first
 * @param maxInboundMessageBytes largest request accepted
 * @param shutdownGrace          how long running runs may take to finish on stop before they are cancelled
 */
public record GrpcServerConfig(String bindAddress, int port, Optional<String> token, Optional<Path> certChain,
                               Optional<Path> privateKey, List<Path> allowedRoots,
                               int maxInboundMessageBytes, Duration shutdownGrace) {
    public GrpcServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(certChain, "certChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("grpc port must be 0..65535, got " + port);
        }
        if (token.isPresent() && token.get().isBlank()) {
            throw new IllegalArgumentException("grpc token is blank: give a real token or none");
        }
        if (certChain.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and a private key");
        }
        if (allowedRoots == null || allowedRoots.isEmpty()) {
            throw new IllegalArgumentException("grpc needs at least one allowed root for request paths");
        }
        allowedRoots = List.copyOf(allowedRoots);
        if (maxInboundMessageBytes < 1024) {
            throw new IllegalArgumentException("grpc max inbound message must be at least 1024 bytes");
        }
    }

    /** Loopback on port 7070, no token, no TLS, 1 MiB requests, 30 s grace. */
    public static GrpcServerConfig defaults(Path allowedRoot) {
        return new GrpcServerConfig("127.0.0.1", 7070, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(allowedRoot), 1 << 20, Duration.ofSeconds(30));
    }

    public GrpcServerConfig withPort(int newPort) {
        return new GrpcServerConfig(bindAddress, newPort, token, certChain, privateKey, allowedRoots,
                maxInboundMessageBytes, shutdownGrace);
    }

    public GrpcServerConfig withToken(String newToken) {
        return new GrpcServerConfig(bindAddress, port, Optional.of(newToken), certChain, privateKey, allowedRoots,
                maxInboundMessageBytes, shutdownGrace);
    }

    public GrpcServerConfig withTls(Path newCertChain, Path newPrivateKey) {
        return new GrpcServerConfig(bindAddress, port, token, Optional.of(newCertChain), Optional.of(newPrivateKey),
                allowedRoots, maxInboundMessageBytes, shutdownGrace);
    }

    public GrpcServerConfig withShutdownGrace(Duration grace) {
        return new GrpcServerConfig(bindAddress, port, token, certChain, privateKey, allowedRoots,
                maxInboundMessageBytes, grace);
    }
}
