package io.shape.adapters.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the paths a client names to real paths under the server's allowed roots, so that a request can
 * neither read nor write anywhere else ({@code /etc/passwd}, {@code ../../}, a symlink pointing out).
 */
final class RequestPaths {
    private final List<Path> roots;

    RequestPaths(List<Path> allowedRoots) {
        this.roots = allowedRoots.stream().map(RequestPaths::realRoot).toList();
    }

    private static Path realRoot(Path root) {
        try {
            return root.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("allowed root " + root + " does not exist", e);
        }
    }

    /** A path that must exist as a regular file. */
    Path existingFile(String field, String value) {
        Path path = resolve(field, value);
        if (!Files.isRegularFile(path)) {
            throw RequestErrors.invalid(field, "no file '" + value + "' on the server");
        }
        return path;
    }

    /** A path that may not exist yet (an output folder, a data folder written later). */
    Path resolve(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RequestErrors.invalid(field, "is required");
        }
        if (value.contains("://") || value.indexOf('\0') >= 0) {
            throw RequestErrors.invalid(field, "'" + value + "' is not a server file path (URIs are not accepted)");
        }
        Path given;
        try {
            given = Path.of(value);
        } catch (InvalidPathException e) {
            throw RequestErrors.invalid(field, "'" + value + "' is not a valid path: " + e.getReason());
        }
        Path real = canonical(roots.get(0).resolve(given).normalize());
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return real;
            }
        }
        throw outside(field, value);
    }

    private StatusRuntimeException outside(String field, String value) {
        return Status.PERMISSION_DENIED.withDescription(field + ": '" + value
                + "' is outside the folders this server may use (" + roots + ")").asRuntimeException();
    }

    /** Follows symlinks in the part that exists; the rest is plain names after normalize(). */
    private static Path canonical(Path absolute) {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
