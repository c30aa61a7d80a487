package io.shape.adapters.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.shape.domain.data.FileConfinement;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the paths a client names to real paths under the server's allowed roots, so that a request can
 * neither read nor write anywhere else ({@code /etc/passwd}, {@code ../../}, a symlink pointing out). This
 * is the first check, when the request arrives; the run checks again, with the same
 * {@link FileConfinement}, every file it opens (data folder members, the model its spec names) and its
 * output folder when it starts.
 */
final class RequestPaths {
    private final FileConfinement confinement;

    RequestPaths(List<Path> allowedRoots) {
        this.confinement = FileConfinement.under(allowedRoots);
    }

    /** What every run submitted through this server is confined to. */
    FileConfinement confinement() {
        return confinement;
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
        try {
            return confinement.eventual(field, confinement.roots().get(0).resolve(given).normalize());
        } catch (FileConfinement.OutsideAllowedFolders e) {
            throw outside(e);
        }
    }

    static StatusRuntimeException outside(FileConfinement.OutsideAllowedFolders e) {
        return Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException();
    }
}
