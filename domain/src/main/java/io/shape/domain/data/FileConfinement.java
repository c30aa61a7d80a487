package io.shape.domain.data;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The folders a run may read and write. A run started from the command line may use any path
 * ({@link #NONE}); a run submitted to the server may use only paths whose <em>real</em> location (every
 * symbolic link followed) lies under the server's allowed roots. The check is made when a file is opened,
 * not only when a request arrives: a link planted in a data folder, a spec naming a model elsewhere, or an
 * output folder swapped for a link while the run waited in the queue are all refused.
 *
 * @param roots real paths of the allowed folders; empty for no confinement
 */
public record FileConfinement(List<Path> roots) {
    /** No confinement: the command line's runs read and write where their user says. */
    public static final FileConfinement NONE = new FileConfinement(List.of());

    public FileConfinement {
        roots = List.copyOf(roots);
    }

    /** Confinement to {@code folders}, which must exist (their real paths are kept). */
    public static FileConfinement under(List<Path> folders) {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("confinement needs at least one allowed folder");
        }
        return new FileConfinement(folders.stream().map(FileConfinement::realRoot).toList());
    }

    private static Path realRoot(Path folder) {
        try {
            return folder.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("allowed folder " + folder + " does not exist", e);
        }
    }

    public boolean confines() {
        return !roots.isEmpty();
    }

    /**
     * The real path of an existing file or folder that {@code field} names.
     *
     * @throws OutsideAllowedFolders when it lies outside the roots (or a link leads there)
     */
    public Path existing(String field, Path path) {
        if (!confines()) {
            return path;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw ShapeException.invalidInput(field + ": " + path + " does not exist or cannot be read");
        }
        return inside(field, path, real);
    }

    /**
     * A path that may not exist yet (an output folder): the real path of its nearest existing ancestor
     * followed by the names that do not exist yet, which must lie under a root.
     */
    public Path eventual(String field, Path path) {
        if (!confines()) {
            return path;
        }
        Path real = resolved(path);
        if (real == null) {
            // a dangling link: where it would lead cannot be known, so it is not inside
            throw new OutsideAllowedFolders(field, path, roots);
        }
        return inside(field, path, real);
    }

    /**
     * Where {@code path} really is, existing or not: the real path of its nearest existing ancestor followed
     * by the names that do not exist yet; null when a link on the way cannot be followed.
     */
    public static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return null;
        }
    }

    private Path inside(String field, Path given, Path real) {
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return real;
            }
        }
        throw new OutsideAllowedFolders(field, given, roots);
    }

    /** A path that lies, or leads through a link, outside the allowed folders. */
    public static final class OutsideAllowedFolders extends ShapeException {
        private static final long serialVersionUID = 1L;

        OutsideAllowedFolders(String field, Path given, List<Path> roots) {
            super(ErrorKind.INVALID_INPUT, field + ": '" + given + "' is outside the folders this server may use "
                    + roots + " (links are followed); use a path under one of them");
        }
    }
}
