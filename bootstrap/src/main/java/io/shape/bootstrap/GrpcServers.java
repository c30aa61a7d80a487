package io.shape.bootstrap;

import io.shape.adapters.grpc.GrpcServerConfig;
import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The gRPC server's configuration from the settings ({@code grpc.*}). */
final class GrpcServers {
    private GrpcServers() {
    }

    static GrpcServerConfig config(Settings s, Path workingDir) {
        String roots = s.get("grpc.allowed-roots");
        List<Path> allowed = roots == null || roots.isBlank() ? List.of(workingDir)
                : Arrays.stream(roots.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> workingDir.resolve(r).normalize()).toList();
        try {
            return new GrpcServerConfig(s.get("grpc.bind"), s.integer("grpc.port", 0),
                    Optional.ofNullable(s.get("grpc.token")), Optional.ofNullable(s.get("grpc.tls.cert")).map(Path::of),
                    Optional.ofNullable(s.get("grpc.tls.key")).map(Path::of), allowed, 1 << 20, Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new ShapeException(ErrorKind.USAGE, "gRPC settings: " + e.getMessage());
        }
    }
}
